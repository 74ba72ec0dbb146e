import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { t } from '../i18n/messages';
import { navOf, switchHref, type Frame } from './frame';
import { styles } from './styles';

function SiteHeader({ frame }: { frame: Frame }) {
  const { lang, user } = frame;
  const other = switchHref(frame);
  return (
    <header class="site-header">
      <div class="bar">
        <a class="app" href="/">
          {t(lang, 'page.appName')}
        </a>
        <div class="who">
          {user ? (
            <span data-testid="signed-in">
              <span class="visually-hidden">{t(lang, 'page.signedInAs')}：</span>
              {user.name} · {t(lang, `page.role.${user.role}`)} · {user.unit}
            </span>
          ) : null}
          <a href={other.href} lang={other.lang} hreflang={other.lang}>
            {t(lang, 'page.otherLanguage')}
          </a>
          {user ? <a href="/account/password">{t(lang, 'page.changePassword')}</a> : null}
          {user ? (
            <form method="post" action="/logout">
              <button type="submit" class="link">
                {t(lang, 'page.logout')}
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </header>
  );
}

function SiteNav({ frame }: { frame: Frame }) {
  if (!frame.user) return null;
  const here = new URL(frame.url, 'http://page').pathname;
  return (
    <nav class="site-nav" aria-label={t(frame.lang, 'page.nav.label')}>
      <ul>
        {navOf(frame.user.role).map((item) => (
          <li>
            <a href={item.href} aria-current={here === item.href ? 'page' : undefined}>
              {t(frame.lang, item.label)}
              {item.href === '/inbox' && frame.unread ? (
                <span class="count" data-testid="unread-count">
                  {t(frame.lang, 'inbox.unreadCount', { count: frame.unread })}
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Every page: the doctype (no quirks mode), the stylesheet as CSS, the header, the navigation and one main region.
 * A page that follows work in progress asks to be loaded again every `refreshSeconds`, with no script needed.
 */
export function Layout({ frame, title, children, script, refreshSeconds }: { frame: Frame; title: string; children: Child; script?: string; refreshSeconds?: number }) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={frame.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
          <link rel="icon" href="/favicon.ico" type="image/svg+xml" />
          <title>{`${title} · ${t(frame.lang, 'page.appName')}`}</title>
          <style>{raw(styles)}</style>
        </head>
        <body>
          <a class="skip" href="#main">
            {t(frame.lang, 'page.skipToMain')}
          </a>
          <SiteHeader frame={frame} />
          <SiteNav frame={frame} />
          <main id="main" tabindex={-1}>
            <h1>{title}</h1>
            {children}
          </main>
          <footer class="site-footer">{t(frame.lang, 'page.timeZoneNote', { offset: frame.utcOffset })}</footer>
          {script ? <script>{raw(script)}</script> : null}
        </body>
      </html>
    </>
  );
}
