import type { UserRecord } from '../../db/queries/users';
import { t, type FieldError } from '../i18n/messages';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { formatDeadline } from '../kit/local-time';
import { inUserFormOrder, UserFields } from './user-parts';
import type { PlaceChoice } from './user-list';

/** A new person: who they are, their role and the place they serve. What was typed comes back with every error. */
export function NewUserPage({ frame, places, values, errors }: { frame: Frame; places: readonly PlaceChoice[]; values: Record<string, string>; errors: readonly FieldError[] }) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'admin.newUserTitle')}>
      <ErrorSummary lang={lang} errors={inUserFormOrder(errors)} />
      <p class="lead">{t(lang, 'admin.newUserLead')}</p>
      <form method="post" action="/admin/users" data-testid="new-user-form" novalidate>
        <input type="hidden" name="lang" value={lang} />
        <UserFields form={{ lang, values, errors }} places={places} askId />
        <div class="actions">
          <button type="submit">{t(lang, 'admin.create')}</button>
          <a href="/admin/users">{t(lang, 'admin.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}

/**
 * A one-time code, shown this once (the answer is not stored by any cache): who to hand it to, how they sign in with
 * it and set their own password, and when it stops working.
 */
export function CodeIssuedPage({ frame, user, code, created, loginUrl }: { frame: Frame; user: UserRecord; code: string; created: boolean; loginUrl: string }) {
  const { lang, utcOffset } = frame;
  const who = { name: user.name, id: user.id };
  const userHref = `/admin/users/${encodeURIComponent(user.id)}`;
  return (
    <Layout frame={frame} title={t(lang, created ? 'admin.createdTitle' : 'admin.codeTitle')}>
      <p class="notice success" role="status">
        {t(lang, created ? 'admin.createdLead' : 'admin.codeLead', who)}
      </p>
      <h2>{t(lang, 'admin.codeHeading')}</h2>
      <p class="secret" data-testid="one-time-code">
        {code}
      </p>
      <p class="notice important">
        {user.oneTimeCodeExpiresAt ? t(lang, 'admin.codeExpires', { at: formatDeadline(user.oneTimeCodeExpiresAt, utcOffset) }) : null} {t(lang, 'admin.codeShownOnce')}
      </p>
      <h2>{t(lang, 'admin.codeStepsTitle')}</h2>
      <ol>
        <li>{t(lang, 'admin.codeStep.hand', who)}</li>
        <li>
          {t(lang, 'admin.codeStep.signIn', who)} <a href="/login">{loginUrl}</a>
        </li>
        <li>{t(lang, 'admin.codeStep.password', who)}</li>
      </ol>
      <div class="actions">
        <a class="button" href={userHref}>
          {t(lang, 'admin.toUser', who)}
        </a>
        <a class="button secondary" href="/admin/users/new">
          {t(lang, 'admin.anotherUser')}
        </a>
        <a href="/admin/users">{t(lang, 'admin.backToUsers')}</a>
      </div>
    </Layout>
  );
}
