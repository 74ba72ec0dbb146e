import * as v from 'valibot';

/**
 * How a date and time from a form or a request is read: "2026-11-23T09:30" is local time in the county,
 * "2026-11-23T09:30:00+08:00" (RFC 3339, any number of fractional digits) carries its own offset. The schema checks it
 * and the edge stores it through the same reading, so the two cannot disagree.
 */
const dateTimeShape = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))?$/;

/** "+08:00" as milliseconds east of UTC. */
export function offsetMs(utcOffset: string): number {
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = utcOffset.slice(1).split(':').map(Number);
  return sign * ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000;
}

/**
 * The instant a date-time stands for, in epoch milliseconds, reading one without an offset at `utcOffset`; NaN if it
 * is no real time (a 30 February, a 25th hour, a year 0) rather than rolling it over into another.
 */
export function dateTimeToEpochMs(value: string, utcOffset: string): number {
  const parts = dateTimeShape.exec(value);
  if (!parts) return Number.NaN;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map((part) => Number(part ?? 0)) as number[] as [number, number, number, number, number, number];
  const fraction = Number(`0.${parts[7] ?? 0}`);
  const [, , , , , , , , zulu, sign, offsetHours, offsetMinutes] = parts;
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  if (offsetHours !== undefined && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59)) return Number.NaN;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1) return Number.NaN;
  date.setUTCHours(hour, minute, second, Math.floor(fraction * 1000));
  const offset = zulu ? 0 : sign ? offsetMs(`${sign}${offsetHours}:${offsetMinutes}`) : offsetMs(utcOffset);
  return date.getTime() - offset;
}

export const isDateTime = (value: string) => !Number.isNaN(dateTimeToEpochMs(value, '+00:00'));

/** A calendar day, "2026-11-23", that is one: no 30 February, no year 0. */
export const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isDateTime(`${value}T00:00Z`);

/** A local calendar day of the county, as cases are counted by (`filed_day`); `message` is the error's word. */
export const daySchema = (message: string) =>
  v.pipe(v.string(), v.check(isDay, message), v.metadata({ openapi: { type: 'string', format: 'date' } }));
