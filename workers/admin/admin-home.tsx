import { accountStates, type AccountState } from '../../schemas/user-list';
import { t } from '../i18n/messages';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';

/** How many of the admin's people there are, in all and in each state. */
export type PeopleCounts = { all: number } & Record<AccountState, number>;

/** The states that ask something of the admin, each a link to the people in it. */
const needsAction = accountStates.filter((state) => state !== 'active');

/**
 * The admin's home: the people they keep, with what waits on the admin (locked accounts, people still without a
 * password), and where the rest of what an admin keeps is kept today.
 */
export function AdminHome({ frame, counts }: { frame: Frame; counts: PeopleCounts }) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'page.adminHomeTitle')}>
      <p class="lead">{t(lang, 'admin.homeLead', { place: frame.user?.jurisdictionName ?? '' })}</p>
      <section aria-labelledby="people-title">
        <h2 id="people-title">{t(lang, 'admin.peopleTitle')}</h2>
        <dl class="figures" data-testid="people-counts">
          <div data-count="all">
            <dt>
              <a href="/admin/users">{t(lang, 'admin.count.all')}</a>
            </dt>
            <dd>
              <span class="figure">{String(counts.all)}</span>
            </dd>
          </div>
          {needsAction.map((state) => (
            <div data-count={state}>
              <dt>
                <a href={`/admin/users?state=${state}`}>{t(lang, `admin.state.${state}`)}</a>
              </dt>
              <dd>
                <span class="figure">{String(counts[state])}</span>
              </dd>
            </div>
          ))}
        </dl>
        <div class="actions">
          <a class="button" href="/admin/users">
            {t(lang, 'admin.nav.users')}
          </a>
          <a class="button secondary" href="/admin/users/new">
            {t(lang, 'admin.newUser')}
          </a>
        </div>
      </section>
      <section aria-labelledby="upkeep-title">
        <h2 id="upkeep-title">{t(lang, 'admin.upkeepTitle')}</h2>
        <ul class="cards">
          <li>
            <a class="card-link" href="/admin/audit">
              {t(lang, 'audit.nav')}
            </a>
            {t(lang, 'audit.homeText')}
          </li>
          <li>
            <a class="card-link" href="/admin/places">
              {t(lang, 'places.nav')}
            </a>
            {t(lang, 'places.homeText')}
          </li>
          <li>
            <a class="card-link" href="/admin/policy">
              {t(lang, 'admin.nav.policy')}
            </a>
            {t(lang, 'admin.upkeep.policy')}
          </li>
          <li>
            <a class="card-link" href="/admin/calendar">
              {t(lang, 'admin.nav.calendar')}
            </a>
            {t(lang, 'admin.upkeep.calendar')}
          </li>
          <li>
            <a class="card-link" href="/admin/dead-letters">
              {t(lang, 'admin.nav.deadLetters')}
            </a>
            {t(lang, 'admin.upkeep.deadLetters')}
          </li>
          <li>
            <a class="card-link" href="/admin/agreements">
              {t(lang, 'agreementTemplate.nav')}
            </a>
            {t(lang, 'agreementTemplate.homeText')}
          </li>
          <li>
            <a class="card-link" href="/admin/sign-in">
              {t(lang, 'page.ssoAdmin.link')}
            </a>
            {t(lang, 'page.ssoAdmin.upkeep')}
          </li>
        </ul>
      </section>
      <section aria-labelledby="more-title">
        <h2 id="more-title">{t(lang, 'admin.moreTitle')}</h2>
        <p>
          <a href="/api/openapi.json">{t(lang, 'admin.apiDocument')}</a>
        </p>
      </section>
    </Layout>
  );
}
