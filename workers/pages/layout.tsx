import type { Child } from 'hono/jsx';
import { t, type Lang } from '../i18n/messages';

const styles = `
  body { font: 16px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0 auto; max-width: 42rem; padding: 1rem; color: #1b1f24; }
  h1 { font-size: 1.4rem; }
  label { display: block; margin: .75rem 0; }
  label > span { display: block; font-weight: 600; }
  input[type=text], input[type=url], input[type=datetime-local], input[type=password], select, textarea { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; border: 1px solid #8c959f; border-radius: 4px; }
  [aria-invalid=true] { border-color: #cf222e; }
  fieldset { border: 1px solid #d0d7de; border-radius: 6px; margin: .75rem 0; }
  fieldset.row { border-style: dashed; }
  .choice { display: inline-flex; gap: .3rem; margin-right: 1rem; font-weight: normal; }
  .field-error, .errors { color: #cf222e; }
  .errors { border: 1px solid #cf222e; border-radius: 6px; padding: .5rem 1rem; }
  button { font: inherit; padding: .6rem 1.4rem; background: #1f6feb; color: #fff; border: 0; border-radius: 6px; }
  nav { text-align: right; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; }
`;

export function Layout({ lang, title, switchHref, children }: { lang: Lang; title: string; switchHref?: string; children: Child }) {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title} · 枫桥</title>
        <style>{styles}</style>
      </head>
      <body>
        {switchHref ? (
          <nav>
            <a href={switchHref}>{t(lang, 'page.otherLanguage')}</a>
          </nav>
        ) : null}
        <h1>{title}</h1>
        {children}
      </body>
    </html>
  );
}
