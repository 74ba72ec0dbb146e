import type { Child } from 'hono/jsx';
import type { UserRecord } from '../../db/queries/users';
import { formatLocal } from '../../domain/clocks/local-time';
import { t, type FieldError, type Lang } from '../i18n/messages';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { CodeLine, inUserFormOrder, placeLabel, StateMarks, UserFields } from './user-parts';
import type { PlaceChoice } from './user-list';

/** What the last action did, said once after its redirect. */
export const userNotices = ['saved', 'unchanged', 'disabled', 'enabled', 'unlocked', 'tokenRevoked'] as const;
export type UserNotice = (typeof userNotices)[number];

/** What the server refused of the admin's own account: the page never offers it, but a stale page may send it. */
export type OwnAccountRefusal = 'ownRole' | 'ownDisable' | 'ownAccount';

export interface UserPageProps {
  frame: Frame;
  user: UserRecord;
  places: readonly PlaceChoice[];
  /** The admin's own account: neither their role nor their access is theirs to take away here. */
  own: boolean;
  now: Date;
  notice?: UserNotice;
  refusal?: OwnAccountRefusal;
  /** The edit form as sent, when it came back with errors; else the user as stored. */
  edit?: { values: Record<string, string>; errors: readonly FieldError[] };
  /** Sections after the ones here: the user's API tokens come in this way. */
  children?: Child;
}

const at = (instant: string | null, utcOffset: string) => (instant ? formatLocal(instant, utcOffset) : undefined);
const action = (user: UserRecord, what: string) => `/admin/users/${encodeURIComponent(user.id)}/${what}`;

function HiddenLang({ lang }: { lang: Lang }) {
  return <input type="hidden" name="lang" value={lang} />;
}

/** Who they are and how their account stands. */
function Summary({ frame, user, places, now }: { frame: Frame; user: UserRecord; places: readonly PlaceChoice[]; now: Date }) {
  const { lang, utcOffset } = frame;
  const place = places.find((item) => item.code === user.jurisdictionCode);
  return (
    <dl class="summary" data-testid="user-summary">
      <dt>{t(lang, 'admin.field.id')}</dt>
      <dd>{user.id}</dd>
      <dt>{t(lang, 'admin.field.role')}</dt>
      <dd>
        {t(lang, `page.role.${user.role}`)}
        {user.department ? ` · ${t(lang, `department.${user.department}`)}` : null}
      </dd>
      <dt>{t(lang, 'admin.field.jurisdictionCode')}</dt>
      <dd>{place ? placeLabel(lang, place) : user.jurisdictionCode}</dd>
      {user.phone ? (
        <>
          <dt>{t(lang, 'admin.phone')}</dt>
          <dd>{user.phone}</dd>
        </>
      ) : null}
      <dt>{t(lang, 'admin.stateLabel')}</dt>
      <dd data-testid="user-state">
        <StateMarks lang={lang} user={user} />
        <CodeLine lang={lang} utcOffset={utcOffset} user={user} now={now} />
      </dd>
      <dt>{t(lang, 'admin.failedSignIns')}</dt>
      <dd>{String(user.failedSignIns)}</dd>
      <dt>{t(lang, 'admin.createdAt')}</dt>
      <dd>{at(user.createdAt, utcOffset)}</dd>
    </dl>
  );
}

/** Name, role, place and department, as one form. */
function EditSection({ frame, user, places, own, edit }: Pick<UserPageProps, 'frame' | 'user' | 'places' | 'own' | 'edit'>) {
  const { lang } = frame;
  const stored = { name: user.name, role: user.role, jurisdictionCode: user.jurisdictionCode, department: user.department ?? '' };
  const form = { lang, values: edit?.values ?? stored, errors: edit?.errors ?? [] };
  return (
    <section aria-labelledby="edit-title">
      <h2 id="edit-title">{t(lang, 'admin.editTitle')}</h2>
      <form method="post" action={`/admin/users/${encodeURIComponent(user.id)}`} data-testid="edit-user-form" novalidate>
        <HiddenLang lang={lang} />
        <UserFields form={form} places={places} askId={false} ownRole={own ? user.role : undefined} />
        <div class="actions">
          <button type="submit">{t(lang, 'admin.save')}</button>
        </div>
      </form>
    </section>
  );
}

/** Signing in: a one-time code for a new or forgotten password, and unlocking after too many wrong ones. */
function SignInSection({ frame, user }: { frame: Frame; user: UserRecord }) {
  const { lang, utcOffset } = frame;
  return (
    <section aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{t(lang, 'admin.signInTitle')}</h2>
      {user.lockedAt ? (
        <form method="post" action={action(user, 'unlock')} class="step" data-testid="unlock-form">
          <HiddenLang lang={lang} />
          <p>{t(lang, 'admin.lockedSince', { at: at(user.lockedAt, utcOffset) ?? '', count: user.failedSignIns })}</p>
          <button type="submit">{t(lang, 'admin.unlock')}</button>
        </form>
      ) : null}
      <form method="post" action={action(user, 'one-time-code')} class="step" data-testid="code-form">
        <HiddenLang lang={lang} />
        <p class="hint">{t(lang, user.passwordSet ? 'admin.resetHint' : 'admin.codeHint')}</p>
        <button type="submit" class={user.passwordSet ? 'warning' : undefined}>
          {t(lang, user.passwordSet ? 'admin.reset' : 'admin.issueCode')}
        </button>
      </form>
    </section>
  );
}

/** Taking access away and giving it back; never one's own. */
function AccessSection({ frame, user, own }: { frame: Frame; user: UserRecord; own: boolean }) {
  const { lang, utcOffset } = frame;
  return (
    <section aria-labelledby="access-title">
      <h2 id="access-title">{t(lang, 'admin.accessTitle')}</h2>
      {own ? (
        <p>{t(lang, 'admin.ownAccess')}</p>
      ) : user.disabledAt ? (
        <form method="post" action={action(user, 'enable')} class="step" data-testid="enable-form">
          <HiddenLang lang={lang} />
          <p>{t(lang, 'admin.disabledSince', { at: at(user.disabledAt, utcOffset) ?? '' })}</p>
          <button type="submit">{t(lang, 'admin.enable')}</button>
        </form>
      ) : (
        <form method="post" action={action(user, 'disable')} class="step" data-testid="disable-form">
          <HiddenLang lang={lang} />
          <p class="hint">{t(lang, 'admin.disableHint')}</p>
          <button type="submit" class="warning">
            {t(lang, 'admin.disable')}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * One person as their admin keeps them: who they are, then one section per thing to do, each its own small form
 * posting to its own address. A later section (the user's API tokens) is passed in as children.
 */
export function UserPage({ frame, user, places, own, now, notice, refusal, edit, children }: UserPageProps) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={user.name}>
      <p>
        <a href="/admin/users">{t(lang, 'admin.backToUsers')}</a>
      </p>
      {notice ? (
        <p class="notice success" role="status" data-testid="notice">
          {t(lang, `admin.notice.${notice}`)}
        </p>
      ) : null}
      {refusal ? (
        <p class="refusal" role="alert" data-testid="refusal">
          {t(lang, `admin.refusal.${refusal}`)}
        </p>
      ) : null}
      <ErrorSummary lang={lang} errors={inUserFormOrder(edit?.errors ?? [])} />
      <Summary frame={frame} user={user} places={places} now={now} />
      <EditSection frame={frame} user={user} places={places} own={own} edit={edit} />
      <SignInSection frame={frame} user={user} />
      {children}
      <AccessSection frame={frame} user={user} own={own} />
    </Layout>
  );
}
