/**
 * How a date and time from a form or a request is read: "2026-11-23T09:30" is local time in the county,
 * "2026-11-23T09:30:00+08:00" carries its own offset. The schema checks it and the edge stores it through the
 * same reading, so the two cannot disagree.
 */
export const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?$/;

const zoned = /(?:Z|[+-]\d{2}:\d{2})$/;

/** "+08:00" as milliseconds east of UTC. */
export function offsetMs(utcOffset: string): number {
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = utcOffset.slice(1).split(':').map(Number);
  return sign * ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000;
}

/** The instant a date-time stands for, in epoch milliseconds, reading one without an offset at `utcOffset`; NaN if it is no real time. */
export function dateTimeToEpochMs(value: string, utcOffset: string): number {
  if (!dateTimePattern.test(value)) return Number.NaN;
  if (zoned.test(value)) return Date.parse(value);
  return Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`) - offsetMs(utcOffset);
}
