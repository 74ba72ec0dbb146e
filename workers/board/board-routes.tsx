import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { listJurisdictionsWithin } from '../../db/queries/jurisdictions';
import type { SignedInUser } from '../../db/queries/users';
import { codesOf, visiblePathOf } from '../../domain/jurisdiction';
import { caseListQuerySchema, type CaseListFormat, type CaseListQuery } from '../../schemas/case-list';
import type { AppEnv } from '../env';
import { fieldErrors, type FieldError } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { BoardPage } from './board-page';
import type { BoardChoices } from './board-filters';
import { ledgerFile, ledgerScope } from '../cases/case-ledger';
import { caseListFilterFor, pageOf } from '../cases/case-list';
import { stationTotalsOf, type StationTotals } from '../cases/station-totals';
import { mediatorsWithLoad } from '../cases/mediator-load';
import { policyInForce } from '../county/sla-policy';
import { askedFields } from '../kit/asked-fields';
import { nextPageUrl } from '../kit/paging';
import { dashboardPages } from './dashboard-routes';
import { requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';

/** The filters' own choices: the places within the supervisor's reach, the mediators they dispatch to with their load. */
async function boardChoices(c: Context<AppEnv>, user: SignedInUser): Promise<BoardChoices> {
  const { db } = c.get('services');
  const visible = visiblePathOf(user);
  const [places, mediators] = await Promise.all([listJurisdictionsWithin(db, visible), mediatorsWithLoad(db, user)]);
  const depthOf = (path: string) => codesOf(path).length - codesOf(visible).length;
  return {
    places: places.map((place) => ({ code: place.code, name: place.name, depth: depthOf(place.path) })),
    mediators: mediators.kind === 'listed' ? mediators.mediators : [],
  };
}

type Listed = {
  values: Record<string, string>;
  now: Date;
  query?: CaseListQuery;
  errors: FieldError[];
  page?: Awaited<ReturnType<typeof pageOf>>;
  totals?: StationTotals;
};

/** The board's query read as the API reads it: the schema's errors and the data's (where a place lies) in one round. */
async function listAsked(c: Context<AppEnv>, format: CaseListFormat): Promise<Listed> {
  const values = askedFields(c);
  const lang = c.get('lang');
  // One moment for the filter and the page, so a clock read as breached by the one is breached on the other.
  const now = new Date();
  const parsed = v.safeParse(caseListQuerySchema, { ...values, format });
  if (!parsed.success) return { values, now, errors: fieldErrors(parsed.issues, lang) };
  const { db } = c.get('services');
  const { utcOffset } = await policyInForce(c.env, db);
  const user = c.get('user');
  const asked = await caseListFilterFor(db, user, parsed.output, { lang, utcOffset, now });
  if (asked.kind === 'invalid') return { values, now, query: parsed.output, errors: asked.errors };
  // The page on screen counts its stations over every page, by the same filter; a ledger is its rows alone.
  const [page, totals] = await Promise.all([pageOf(db, user, parsed.output, asked, now), format === 'json' ? stationTotalsOf(db, asked.filter) : undefined]);
  return { values, now, query: parsed.output, errors: [], page, totals };
}

/** The board for a query read: 422 with the errors summed up when it is wrong. */
async function showBoard(c: Context<AppEnv>, listed: Listed) {
  const [choices, frame] = await Promise.all([boardChoices(c, c.get('user')), frameOf(c)]);
  const page = (
    <BoardPage
      frame={frame}
      choices={choices}
      values={listed.values}
      errors={listed.errors}
      rows={listed.page?.rows ?? []}
      nextCursor={listed.page?.nextCursor ?? null}
      totals={listed.totals}
      now={listed.now}
    />
  );
  return c.html(page, listed.errors.length ? 422 : 200);
}

/** The same rows as the board shows, as the ledger a station files away; for a wrong query, the board says why. */
async function ledgerDownload(c: Context<AppEnv>, format: Exclude<CaseListFormat, 'json'>) {
  const listed = await listAsked(c, format);
  if (!listed.page || !listed.query) return showBoard(c, listed);
  const { utcOffset } = await policyInForce(c.env, c.get('services').db);
  const file = await ledgerFile(format, listed.page.rows, { lang: c.get('lang'), utcOffset, scope: ledgerScope(listed.query, c.get('user')) });
  if (listed.page.nextCursor) c.header('link', `<${nextPageUrl(c.req.url, listed.page.nextCursor)}>; rel="next"`);
  return c.body(file.body, 200, file.headers);
}

/** The supervisor's pages: the overdue board and its ledger, the dashboard. Sessions, not bearer tokens. */
export const boardPages = new Hono<AppEnv>()
  .use('/board', requireUser('page'), requirePagePermission('supervise'))
  .use('/board.csv', requireUser('page'), requirePagePermission('supervise'))
  .use('/board.xlsx', requireUser('page'), requirePagePermission('supervise'))
  .get('/board', async (c) => showBoard(c, await listAsked(c, 'json')))
  .get('/board.csv', (c) => ledgerDownload(c, 'csv'))
  .get('/board.xlsx', (c) => ledgerDownload(c, 'xlsx'))
  .route('/', dashboardPages);
