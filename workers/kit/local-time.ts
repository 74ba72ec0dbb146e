import { formatLocal } from '../../domain/clocks/local-time';

/**
 * A deadline as a station says it: one at midnight is "24:00" of the day before ("请于今晚 24:00 前"), not "00:00"
 * of a day that has not begun.
 */
export function formatDeadline(instant: string, utcOffset: string): string {
  const text = formatLocal(instant, utcOffset);
  if (!text.endsWith(' 00:00')) return text;
  const dayBefore = formatLocal(new Date(Date.parse(instant) - 60_000).toISOString(), utcOffset).slice(0, 10);
  return `${dayBefore} 24:00`;
}
