import type { UserRecord } from '../../db/queries/users';
import { accountStates } from '../../schemas/user-list';
import { t, type FieldError } from '../i18n/messages';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { InputField, SelectField, type QueryForm } from '../kit/query-fields';
import { CodeLine, placeLabel, placeOptions, roleOptions, StateMarks } from './user-parts';
import type { PlaceChoice } from './user-list';

export interface UserListProps {
  frame: Frame;
  places: readonly PlaceChoice[];
  /** The query as asked, empty fields left out. */
  values: Record<string, string>;
  errors: readonly FieldError[];
  /** The first of the people found, as many as the page shows. */
  users: readonly UserRecord[];
  /** How many were found in all. */
  found: number;
  now: Date;
}

const filterOrder = ['q', 'role', 'jurisdiction', 'state'];

function Filters({ form, places }: { form: QueryForm; places: readonly PlaceChoice[] }) {
  const { lang } = form;
  return (
    <form method="get" action="/admin/users" class="filters" role="search" aria-label={t(lang, 'admin.filtersLabel')}>
      <div class="search-row">
        <InputField form={form} name="q" type="search" hint={t(lang, 'admin.searchHint')} />
        <button type="submit">{t(lang, 'admin.search')}</button>
      </div>
      <div class="filter-grid">
        <SelectField form={form} name="role" anyLabel={t(lang, 'admin.anyRole')} options={roleOptions(lang)} />
        <SelectField form={form} name="jurisdiction" anyLabel={t(lang, 'admin.anyPlace')} options={placeOptions(lang, places)} hint={t(lang, 'admin.placeFilterHint')} />
        <SelectField form={form} name="state" anyLabel={t(lang, 'admin.anyState')} options={accountStates.map((state) => ({ value: state, label: t(lang, `admin.state.${state}`) }))} />
      </div>
      <div class="actions">
        <button type="submit" class="secondary">
          {t(lang, 'admin.apply')}
        </button>
        <a href="/admin/users">{t(lang, 'admin.clear')}</a>
      </div>
    </form>
  );
}

function Row({ frame, user, place, now }: { frame: Frame; user: UserRecord; place: string; now: Date }) {
  const { lang, utcOffset } = frame;
  return (
    <tr data-user={user.id}>
      <th scope="row" data-label={t(lang, 'admin.field.name')}>
        <a href={`/admin/users/${encodeURIComponent(user.id)}`} class="case-link">
          {user.name}
        </a>
        <span class="muted block">{user.id}</span>
      </th>
      <td data-label={t(lang, 'admin.field.role')}>
        {t(lang, `page.role.${user.role}`)}
        {user.department ? <span class="muted block">{t(lang, `department.${user.department}`)}</span> : null}
      </td>
      <td data-label={t(lang, 'admin.field.jurisdictionCode')}>{place}</td>
      <td data-label={t(lang, 'admin.stateLabel')}>
        <StateMarks lang={lang} user={user} />
        <CodeLine lang={lang} utcOffset={utcOffset} user={user} now={now} />
      </td>
    </tr>
  );
}

/** The people an admin keeps: search and filters, one row each with where they serve and how they stand. */
export function UserListPage({ frame, places, values, errors, users, found, now }: UserListProps) {
  const { lang } = frame;
  const form: QueryForm = { lang, values, errors };
  const rank = (field: string) => (filterOrder.includes(field) ? filterOrder.indexOf(field) : filterOrder.length);
  const placeNames = new Map(places.map((place) => [place.code, placeLabel(lang, place)]));
  return (
    <Layout frame={frame} title={t(lang, 'admin.usersTitle')}>
      <div class="wide">
        <ErrorSummary lang={lang} errors={[...errors].sort((a, b) => rank(a.field) - rank(b.field))} />
        <p class="actions">
          <a class="button" href="/admin/users/new">
            {t(lang, 'admin.newUser')}
          </a>
        </p>
        <Filters form={form} places={places} />
        {errors.length ? null : (
          <>
            <p role="status" data-testid="result-count">
              {found === 0 ? t(lang, 'admin.noneFound') : found > users.length ? t(lang, 'admin.foundMore', { found, shown: users.length }) : t(lang, 'admin.found', { found })}
            </p>
            {users.length ? (
              <table class="board" data-testid="users">
                <caption class="visually-hidden">{t(lang, 'admin.usersTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'admin.field.name')}</th>
                    <th scope="col">{t(lang, 'admin.field.role')}</th>
                    <th scope="col">{t(lang, 'admin.field.jurisdictionCode')}</th>
                    <th scope="col">{t(lang, 'admin.stateLabel')}</th>
                  </tr>
                </thead>
                <tbody>
                  {users.map((user) => (
                    <Row frame={frame} user={user} place={placeNames.get(user.jurisdictionCode) ?? user.jurisdictionCode} now={now} />
                  ))}
                </tbody>
              </table>
            ) : null}
          </>
        )}
      </div>
    </Layout>
  );
}
