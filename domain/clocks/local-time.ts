/** Calendar arithmetic in the county's fixed UTC offset, free of the host's time zone so workflow code stays deterministic. */
import { dateTimeToEpochMs, offsetMs } from '../../schemas/date-time';

export { offsetMs };

/** A date-time as the stored UTC instant; one without an offset is local time in the county. */
export const toInstant = (value: string, utcOffset: string) => new Date(dateTimeToEpochMs(value, utcOffset)).toISOString();

/** "2026-11-23 24:00"-style local time, which is how a station reads a deadline. */
export const formatLocal = (instant: string, utcOffset: string) =>
  new Date(Date.parse(instant) + offsetMs(utcOffset)).toISOString().slice(0, 16).replace('T', ' ');

/** YYYY-MM-DD of the local calendar day an instant falls on. */
export function localDay(instant: Date, utcOffset: string): string {
  return new Date(instant.getTime() + offsetMs(utcOffset)).toISOString().slice(0, 10);
}

/** Milliseconds since local midnight. */
export function localTimeOfDayMs(instant: Date, utcOffset: string): number {
  const local = instant.getTime() + offsetMs(utcOffset);
  return ((local % 86_400_000) + 86_400_000) % 86_400_000;
}

/** "18:00" or "18:00:30" as milliseconds since midnight. */
export function clockTimeMs(time: string): number {
  const [hours, minutes, seconds] = time.split(':').map(Number);
  return (((hours ?? 0) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0)) * 1000;
}

/** The next local midnight after an instant (24:00 of its local day). */
export function endOfLocalDay(instant: Date, utcOffset: string): Date {
  return new Date(instant.getTime() - localTimeOfDayMs(instant, utcOffset) + 86_400_000);
}
