/** Calendar arithmetic in the county's fixed UTC offset, free of the host's time zone so workflow code stays deterministic. */

export function offsetMs(utcOffset: string): number {
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = utcOffset.slice(1).split(':').map(Number);
  return sign * ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000;
}

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
