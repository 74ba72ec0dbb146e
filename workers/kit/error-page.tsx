import { t, type Lang } from '../i18n/messages';
import type { Role } from '../../schemas/vocabulary';
import { homeOf, type Frame } from './frame';
import { Layout } from './layout';

export type PageErrorStatus = 403 | 404 | 429 | 500;

/** Why, when the status alone does not say it: a page for other roles, sign-in tried too often, a person's own act. */
export type PageErrorReason =
  | { kind: 'notYourPage'; roles: Role[] }
  | { kind: 'signInThrottled'; minutes: number }
  | { kind: 'signedInPersonOnly' }
  /** A form refused by the same-site check: it was not sent from one of this site's pages. */
  | { kind: 'formRefused' };

function reasonText(lang: Lang, why: PageErrorReason) {
  if (why.kind === 'signInThrottled') return t(lang, 'page.errorText.signInThrottled', { minutes: why.minutes });
  if (why.kind === 'signedInPersonOnly') return t(lang, 'page.errorText.signedInPersonOnly');
  if (why.kind === 'formRefused') return t(lang, 'page.errorText.formRefused');
  const roles = why.roles.map((role) => t(lang, `page.role.${role}`)).join(lang === 'en' ? ', ' : '、');
  return t(lang, 'page.errorText.notYourPage', { roles });
}

/** A page that says in plain words what went wrong and the way back; never a stack trace, never JSON. */
export function ErrorPage({ frame, status, why }: { frame: Frame; status: PageErrorStatus; why?: PageErrorReason }) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, `page.errorTitle.${status}`)}>
      <p class="lead" data-testid="error-text">
        {why ? reasonText(lang, why) : t(lang, `page.errorText.${status}`)}
      </p>
      <p>
        <a class="button" href={frame.user ? homeOf(frame.user.role) : '/'}>
          {t(lang, 'page.backHome')}
        </a>
      </p>
    </Layout>
  );
}
