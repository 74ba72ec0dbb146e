import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { listJurisdictionsWithin } from '../../db/queries/jurisdictions';
import { localDay } from '../../domain/clocks/local-time';
import { codesOf, visiblePathOf } from '../../domain/jurisdiction';
import { statsQuerySchema } from '../../schemas/stats';
import type { AppEnv } from '../env';
import { figuresCsvFile } from './figures-csv';
import { customError, fieldErrors } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { DashboardPage, type DashboardData } from './dashboard-page';
import { dayAfter, readFigures, readFiguresInGroups } from './figures';
import { mediatorsWithLoad } from '../cases/mediator-load';
import { overdueByStation } from './overdue-by-station';
import { policyInForce } from '../county/sla-policy';
import { askedFields } from '../kit/asked-fields';
import { requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';

/** 一人一单 is ranked by the calendar month: this one unless another is asked for. */
const monthSchema = v.object({ month: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month'))) });
const nextMonth = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
};

/**
 * The period as the statistics read it. A person picks the last day to count, as the heading says it back; the
 * figures' query (and the API) takes the first day not counted.
 */
function periodOf(values: Record<string, string>): Record<string, string> {
  return values.to && /^\d{4}-\d{2}-\d{2}$/.test(values.to) && !Number.isNaN(Date.parse(values.to)) ? { ...values, to: dayAfter(values.to) } : values;
}

async function placesOf(c: Context<AppEnv>) {
  const visible = visiblePathOf(c.get('user'));
  const places = await listJurisdictionsWithin(c.get('services').db, visible);
  // The figures are counted down to the station; grid cells would only crowd the picker.
  return places.filter((place) => place.level !== 'grid').map((place) => ({ code: place.code, name: place.name, depth: codesOf(place.path).length - codesOf(visible).length }));
}

/** The period, the grouped figures, what is late now and the month's ranking, or what is wrong with the asking. */
async function dashboardOf(c: Context<AppEnv>, values: Record<string, string>) {
  const lang = c.get('lang');
  const period = v.safeParse(statsQuerySchema, periodOf(values));
  const month = v.safeParse(monthSchema, values);
  const errors = [...(period.success ? [] : fieldErrors(period.issues, lang)), ...(month.success ? [] : fieldErrors(month.issues, lang))];
  if (!period.success || !month.success) return { errors };
  const { db } = c.get('services');
  const user = c.get('user');
  const policy = await policyInForce(c.env, db);
  const now = new Date();
  const rankedMonth = month.output.month ?? localDay(now, policy.utcOffset).slice(0, 7);
  const ranked = { from: `${rankedMonth}-01`, to: `${nextMonth(rankedMonth)}-01`, jurisdiction: period.output.jurisdiction };
  const [figures, monthly, overdue, mediators] = await Promise.all([
    readFiguresInGroups(db, user, period.output, ['channel', 'week'], policy, now),
    readFiguresInGroups(db, user, ranked, ['mediator'], policy, now),
    overdueByStation(db, user, period.output.jurisdiction),
    mediatorsWithLoad(db, user),
  ]);
  if (!figures || !monthly || !overdue) return { errors: [customError(lang, 'jurisdiction', 'jurisdictionUnknown')] };
  const names = new Map(mediators.kind === 'listed' ? mediators.mediators.map((mediator) => [mediator.id, mediator.name]) : []);
  const data: DashboardData = {
    from: figures.from,
    to: figures.to,
    jurisdiction: figures.jurisdiction,
    total: figures.total,
    byChannel: figures.groups.channel,
    byWeek: figures.groups.week,
    overdue,
    ranking: {
      month: rankedMonth,
      mediators: monthly.groups.mediator.flatMap((group) => (group.rank ? [{ id: group.key, name: names.get(group.key) ?? group.key, rank: group.rank, figures: group.figures }] : [])),
    },
  };
  return { errors: [], data };
}

/** The dashboard for the period asked: 422 with the errors summed up when it is wrong. */
async function showDashboard(c: Context<AppEnv>) {
  const values = askedFields(c);
  const [{ errors, data }, places, frame] = await Promise.all([dashboardOf(c, values), placesOf(c), frameOf(c)]);
  return c.html(<DashboardPage frame={frame} places={places} values={values} errors={errors} data={data} />, errors.length ? 422 : 200);
}

/** The dashboard and the figures' CSV, for a supervisor signed in on a page. */
export const dashboardPages = new Hono<AppEnv>()
  .use('/dashboard', requireUser('page'), requirePagePermission('supervise'))
  .use('/dashboard.csv', requireUser('page'), requirePagePermission('supervise'))
  .get('/dashboard', showDashboard)
  .get('/dashboard.csv', async (c) => {
    const values = askedFields(c);
    const query = v.safeParse(statsQuerySchema, periodOf(values));
    const { db } = c.get('services');
    const answer = query.success ? await readFigures(db, c.get('user'), query.output, await policyInForce(c.env, db)) : undefined;
    // For a wrong period, the dashboard says what is wrong with it.
    if (!answer) return showDashboard(c);
    const file = await figuresCsvFile(db, answer, c.get('lang'));
    return c.body(file.body, 200, file.headers);
  });
