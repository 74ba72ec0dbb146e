import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { countyDayRefusal, withCountyDay, withoutCountyDay, type CountyDayRefusal } from '../../domain/calendar/county-days';
import { festivalsOf } from '../../domain/calendar/festivals';
import { calendarOf } from '../../domain/calendar/spans';
import type { CountyDay } from '../../domain/calendar/working-days';
import { formatLocal } from '../../domain/clocks/local-time';
import { calendarSchema, countyDaySchema, type SlaPolicy } from '../../schemas/policy';
import type { AppEnv } from '../env';
import { t, type FieldError, type Lang } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { policyInForce } from '../county/sla-policy';
import { formBody } from '../kit/form-body';
import { pageError, requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';
import { CalendarPage, dateWords, festivalName, type CalendarPageProps } from './calendar-page';
import { publishNewPolicy } from './publish-policy';

type Shown = Pick<CalendarPageProps, 'values' | 'errors' | 'done' | 'stale'>;

const isoDate = v.pipe(v.string(), v.isoDate());
/** What the page says after a day was added or removed (Post/Redirect/Get), and which year it starts at. */
const shownQuerySchema = v.object({
  year: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number), v.minValue(2004), v.maxValue(2099))),
  published: v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,8}$/), v.transform(Number))),
  cases: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/), v.transform(Number))),
  added: v.optional(isoDate),
  removed: v.optional(isoDate),
});

async function showCalendar(c: Context<AppEnv>, shown: Shown = {}, status: 200 | 409 | 422 = 200, firstYear?: number) {
  const [policy, frame] = await Promise.all([policyInForce(c.env, c.get('services').db), frameOf(c)]);
  const calendar = calendarOf(policy.calendar);
  // This year as the county's clock reads it, as every page shows time.
  const year = firstYear ?? Number(formatLocal(new Date().toISOString(), frame.utcOffset).slice(0, 4));
  const years = [year, year + 1].map((each) => ({ year: each, noticed: calendar.years.includes(each), festivals: festivalsOf(calendar, each) }));
  return c.html(
    <CalendarPage
      frame={frame}
      version={policy.version}
      source={policy.calendar.official}
      years={{ from: Math.min(...calendar.years), to: Math.max(...calendar.years) }}
      shown={years}
      countyDays={policy.calendar.countyDays}
      {...shown}
    />,
    status,
  );
}

/** A refusal of the calendar's rule, in the page's words, beside the field it concerns. */
function refusalWords(lang: Lang, date: string, refused: CountyDayRefusal): FieldError {
  const when = dateWords(lang, date);
  if (refused.code === 'countyDayTaken') return { field: refused.field, code: refused.code, message: t(lang, 'calendar.refused.countyDayTaken', { date: when, name: refused.name }) };
  const { kind, name } = refused.official;
  const official = kind === 'countyHoliday' || kind === 'countyWorkday' ? '' : t(lang, `calendar.official.${kind}`, { name: name ? festivalName(lang, name) : '' });
  return { field: refused.field, code: refused.code, message: t(lang, `calendar.refused.${refused.code}`, { date: when, official }) };
}

/** The add form read: each field's own error first, then the calendar's rule on a day well formed. */
function readCountyDay(lang: Lang, policy: SlaPolicy, values: Record<string, string>): { day: CountyDay } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const { date = '', kind = '', name = '' } = values;
  // isoDate takes 2026-02-30; a real day reads back as itself.
  if (!v.is(isoDate, date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) errors.push({ field: 'date', code: 'date', message: t(lang, 'calendar.error.date') });
  if (kind !== 'holiday' && kind !== 'workday') errors.push({ field: 'kind', code: 'picklist', message: t(lang, 'calendar.error.kind') });
  if (!name) errors.push({ field: 'name', code: 'missing', message: t(lang, 'calendar.error.name') });
  else if ([...name].length > 30) errors.push({ field: 'name', code: 'maxLength', message: t(lang, 'calendar.error.nameLong') });
  if (errors.length) return { errors };
  const day = v.parse(countyDaySchema, { date, kind, name });
  const refused = countyDayRefusal(calendarOf(policy.calendar), day);
  if (refused) return { errors: [refusalWords(lang, date, refused)] };
  if (!v.is(calendarSchema, { ...policy.calendar, countyDays: withCountyDay(policy.calendar.countyDays, day) })) {
    return { errors: [{ field: 'date', code: 'maxLength', message: t(lang, 'calendar.error.full') }] };
  }
  return { day };
}

const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
/** The version the page offered to publish: the one after the version it showed. */
const offeredVersion = (body: Record<string, unknown>) => (/^[1-9]\d{0,8}$/.test(text(body, 'version')) ? Number(text(body, 'version')) : 0);

/**
 * The admin's page for the working calendar: a session, not a token. A county day is part of the SLA policy, so
 * adding or removing one publishes the policy in force as its next version with the new days, through the service
 * of POST /api/policy, which tells every running case to re-plan.
 */
export const calendarPages = new Hono<AppEnv>()
  // `/admin/calendar/*` guards `/admin/calendar` as well.
  .use('/admin/calendar/*', requireUser('page'), requirePagePermission('publishPolicy'))
  .get('/admin/calendar', async (c) => {
    const query = v.safeParse(shownQuerySchema, c.req.query());
    if (!query.success) return showCalendar(c);
    const { year, published, cases = 0, added, removed } = query.output;
    const date = added ?? removed;
    const done = published && date ? { action: added ? ('added' as const) : ('removed' as const), date, version: published, cases } : undefined;
    return showCalendar(c, { done }, 200, year);
  })
  .post('/admin/calendar/days', async (c) => {
    const body = await formBody(c);
    const values = { date: text(body, 'date'), kind: text(body, 'kind'), name: text(body, 'name') };
    const policy = await policyInForce(c.env, c.get('services').db);
    const version = offeredVersion(body);
    if (version !== policy.version + 1) return showCalendar(c, { values, stale: policy.version }, 409);
    const read = readCountyDay(c.get('lang'), policy, values);
    if ('errors' in read) return showCalendar(c, { values, errors: read.errors }, 422);
    const countyDays = withCountyDay(policy.calendar.countyDays, read.day);
    const published = await publishNewPolicy(c.get('services'), c.env, c.get('user'), { ...policy, version, calendar: { ...policy.calendar, countyDays } });
    if (published.kind === 'stale') return showCalendar(c, { values, stale: published.inForce }, 409);
    return c.redirect(`/admin/calendar?published=${published.version}&cases=${published.casesToTell}&added=${read.day.date}`, 303);
  })
  .post('/admin/calendar/days/:date{[0-9]{4}-[0-9]{2}-[0-9]{2}}/remove', async (c) => {
    const body = await formBody(c);
    const date = c.req.param('date');
    const policy = await policyInForce(c.env, c.get('services').db);
    const version = offeredVersion(body);
    if (version !== policy.version + 1) return showCalendar(c, { stale: policy.version }, 409);
    if (!policy.calendar.countyDays.some((day) => day.date === date)) return pageError(c, 404);
    const countyDays = withoutCountyDay(policy.calendar.countyDays, date);
    const published = await publishNewPolicy(c.get('services'), c.env, c.get('user'), { ...policy, version, calendar: { ...policy.calendar, countyDays } });
    if (published.kind === 'stale') return showCalendar(c, { stale: published.inForce }, 409);
    return c.redirect(`/admin/calendar?published=${published.version}&cases=${published.casesToTell}&removed=${date}`, 303);
  });
