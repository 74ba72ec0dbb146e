import { t } from '../i18n/messages';
import { homeOf, type Frame } from './frame';
import { Layout } from './layout';

export type PageErrorStatus = 403 | 404 | 429 | 500;

/** A page that says in plain words what went wrong and the way back; never a stack trace, never JSON. */
export function ErrorPage({ frame, status }: { frame: Frame; status: PageErrorStatus }) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, `page.errorTitle.${status}`)}>
      <p class="lead" data-testid="error-text">
        {t(lang, `page.errorText.${status}`)}
      </p>
      <p>
        <a class="button" href={frame.user ? homeOf(frame.user.role) : '/'}>
          {t(lang, 'page.backHome')}
        </a>
      </p>
    </Layout>
  );
}
