import type { ClockReading } from '../../domain/clocks/clock-reading';
import { t, type Lang } from '../i18n/messages';

const minuteMs = 60_000;

/** A span as a station says it, in its two largest units: "1 天 3 小时", "25 分钟", "不到 1 分钟". */
export function spanWords(ms: number, lang: Lang): string {
  const minutes = Math.floor(Math.abs(ms) / minuteMs);
  if (minutes < 1) return t(lang, 'board.underAMinute');
  const parts = [
    { n: Math.floor(minutes / 1440), key: 'board.days' as const },
    { n: Math.floor((minutes % 1440) / 60), key: 'board.hours' as const },
    { n: minutes % 60, key: 'board.minutes' as const },
  ];
  const first = parts.findIndex((part) => part.n > 0);
  return parts
    .slice(first, first + 2)
    .filter((part) => part.n > 0)
    .map((part) => t(lang, part.key, { n: part.n }))
    .join(' ');
}

/** How long a clock has left, or how long it is overdue, as its reading says; a paused clock says it stands paused. */
export function clockLeft(reading: ClockReading, lang: Lang): { late: boolean; text: string } {
  if (reading.paused) return { late: false, text: t(lang, 'time.paused') };
  return { late: reading.late, text: t(lang, reading.late ? 'board.late' : 'board.left', { span: spanWords(reading.msLeft, lang) }) };
}
