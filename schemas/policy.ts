import { parse as parseDuration } from 'iso8601-duration';
import * as v from 'valibot';

/**
 * ISO-8601 durations as a station writes them: P1D, PT2H, PT12H30M, PT5S. Years and months have no fixed length,
 * so they are refused; the parser accepts text around a duration, so the whole string is matched first. No number
 * has more than seven digits, so no deadline runs past the dates JavaScript can hold.
 */
const durationPattern = /^P(?!$)(?:\d{1,7}W)?(?:\d{1,7}D)?(?:T(?=\d)(?:\d{1,7}H)?(?:\d{1,7}M)?(?:\d{1,7}(?:\.\d+)?S)?)?$/;

/**
 * What the API document asks for: every number above zero, so every duration it describes is longer than zero (a
 * rule a pattern cannot say otherwise). The edge also reads a zero part (P1DT0H) as policies published before wrote it.
 */
const positive = '[1-9]\\d{0,4}';
const documentedDuration = `^P(?!$)(?:${positive}W)?(?:${positive}D)?(?:T(?=\\d)(?:${positive}H)?(?:${positive}M)?(?:(?:${positive}(?:\\.\\d{1,3})?|0\\.\\d{0,2}[1-9])S)?)?$`;

const hourMs = 3_600_000;

/** A duration's length: days are 24 hours, as they are in a county that keeps one offset all year. */
export function durationToMs(duration: string): number {
  if (!durationPattern.test(duration)) throw new RangeError(`not an ISO-8601 duration: ${duration}`);
  const { weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0 } = parseDuration(duration);
  return Math.round(((weeks * 7 + days) * 24 + hours) * hourMs + minutes * 60_000 + seconds * 1000);
}

export const durationSchema = v.pipe(
  v.string(),
  v.regex(durationPattern, 'must be an ISO-8601 duration such as PT2H or P3D'),
  // Valibot runs every check of a pipe; this one speaks only about well-formed durations.
  v.check((value) => !durationPattern.test(value) || durationToMs(value) > 0, 'must be longer than zero'),
  v.metadata({ openapi: { type: 'string', pattern: documentedDuration, example: 'P3D' } }),
);

/** Working days ("P3WD", three working days from the day after) and calendar months ("P1M"), as offices count them. */
const workingDaysPattern = /^P([1-9]\d{0,2})WD$/;
const monthsPattern = /^P([1-9]\d?)M$/;

/** A policy's span, read: a fixed length, or a count the county's calendar turns into a last day. */
export type SpanReading = { kind: 'fixed'; ms: number } | { kind: 'workingDays'; days: number } | { kind: 'months'; months: number };

export function readSpan(span: string): SpanReading {
  const workingDays = workingDaysPattern.exec(span)?.[1];
  if (workingDays) return { kind: 'workingDays', days: Number(workingDays) };
  const months = monthsPattern.exec(span)?.[1];
  if (months) return { kind: 'months', months: Number(months) };
  return { kind: 'fixed', ms: durationToMs(span) };
}

/**
 * A deadline's span in a policy: an ISO-8601 duration (calendar time), or working days (P3WD: counted from the day
 * after, holidays out and make-up working days in, ending at 24:00), or calendar months (P1M: a last day that is not
 * a working day moves to the next one). The last two end on whole days in the county's calendar.
 */
export const spanSchema = v.pipe(
  v.string(),
  v.regex(
    new RegExp(`${durationPattern.source}|${workingDaysPattern.source}|${monthsPattern.source}`),
    'must be an ISO-8601 duration such as PT2H or P3D, working days such as P3WD, or months such as P1M',
  ),
  v.check((value) => !durationPattern.test(value) || durationToMs(value) > 0, 'must be longer than zero'),
  v.metadata({ openapi: { type: 'string', pattern: `(?:${documentedDuration})|(?:^P[1-9]\\d{0,2}WD$)|(?:^P[1-9]\\d?M$)`, example: 'P3WD' } }),
);

/** The calendars of the State Council's notices the repository keeps (domain/calendar), by their source. */
export const officialCalendars = ['chinese-days 1.5.7'] as const;

/** A county's own day: a local holiday, or a working day the official calendar does not have. */
export const countyDaySchema = v.object({
  date: v.pipe(v.string(), v.isoDate('must be a date such as 2026-03-10')),
  kind: v.picklist(['holiday', 'workday']),
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(30)),
});

/** The calendar working days are counted in: the official notices kept, and the county's own days on top. */
export const calendarSchema = v.object({
  official: v.picklist(officialCalendars),
  countyDays: v.pipe(v.array(countyDaySchema), v.maxLength(200)),
});

const clockTimeSchema = v.pipe(
  v.string(),
  v.isoTime('must be a local time such as 18:00'),
  v.metadata({ openapi: { type: 'string', pattern: '^(?:[01]\\d|2[0-3]):[0-5]\\d$', example: '18:00' } }),
);

/**
 * 事不过夜: first contact the same day — by midnight, or within a set time when filed late in the evening.
 * `within` is the plain form, used where a fixed span fits better (and by tests measured in seconds).
 */
export const firstContactRuleSchema = v.variant('rule', [
  v.object({
    rule: v.literal('sameDay'),
    lateIntakeAfter: clockTimeSchema,
    lateIntakeWithin: durationSchema,
  }),
  v.object({ rule: v.literal('within'), duration: spanSchema }),
]);

export const slaPolicySchema = v.object({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** Local time of the county, as a fixed offset: the calendar day and "the same day" are read in it. */
  utcOffset: v.pipe(v.string(), v.regex(/^[+-](?:[01]\d|2[0-3]):[0-5]\d$/, 'must be an offset such as +08:00')),
  /** Share of a clock used up when its warning goes out. */
  warnAtShare: v.pipe(v.number(), v.minValue(0.05), v.maxValue(0.99)),
  firstContact: firstContactRuleSchema,
  /** A hard case is accepted by its mediator within this after dispatch. */
  accept: spanSchema,
  /** A hard case in hand reports progress at least this often. */
  followUpEvery: spanSchema,
  /** Resolution along each route, counted from the moment the case moved onto it. */
  resolveWithin: v.object({ grassroots: spanSchema, judicial: spanSchema, joint: spanSchema }),
  /** Each department of a joint route reports back within this. */
  departmentReportWithin: spanSchema,
  /** Return visits after resolution (问效), each counted from the resolution. */
  returnVisitsAfter: v.pipe(v.array(spanSchema), v.minLength(1), v.maxLength(6)),
  /** An escalated breach must be acknowledged within this, or it goes one level up. */
  acknowledgeEscalationWithin: spanSchema,
  /** A hard case, or any case handed over to a new route, is dispatched within this. */
  dispatchWithin: v.optional(spanSchema, 'PT2H'),
  /** A verification instruction of a batch gets its assignee's feedback within this, unless the batch says otherwise. */
  instructionFeedbackWithin: v.optional(durationSchema, 'P3D'),
  /** A return visit may be recorded from this long before it is due, not earlier. */
  returnVisitWindow: v.optional(durationSchema, 'P3D'),
  /** A party not satisfied at a return visit reopens the case, or raises it to the station's leaders. */
  unsatisfiedVisit: v.optional(v.picklist(['reopen', 'escalate']), 'reopen'),
  /** The calendar that spans in working days or months are counted in; a new county day is a new version of the policy. */
  calendar: v.optional(calendarSchema, { official: 'chinese-days 1.5.7', countyDays: [] }),
});

export type SlaPolicy = v.InferOutput<typeof slaPolicySchema>;
