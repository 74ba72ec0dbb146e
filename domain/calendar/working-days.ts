/**
 * Working days as a Chinese office counts them: statutory holidays off, the make-up working days of the State
 * Council's yearly notice (调休) on, the county's own days on top, and a period counted from the day after it
 * starts. Dates are local calendar days ("2026-02-24"); no host time zone is read, so workflow code may call this.
 */
import official from './official-days.json';

/** A day the county declares for itself: a local holiday, or a working day the official calendar does not have. */
export interface CountyDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface WorkingCalendar {
  /** Which calendar this is: a case runs under one version, and only a new version moves its deadlines. */
  version: string;
  /** The years whose notice is in the calendar; any other year is counted Monday to Friday and is provisional. */
  years: readonly number[];
  /** Statutory holidays by date, with the festival's name (weekend days inside a holiday included). */
  holidays: Readonly<Record<string, string>>;
  /** Weekend days the notice makes working days, by date, with the festival they make up for. */
  workdays: Readonly<Record<string, string>>;
  countyDays: readonly CountyDay[];
}

/** The State Council's notices as the repository keeps them (domain/calendar/official-days.json). */
export const officialCalendar: WorkingCalendar = {
  version: `official/${official.source}`,
  years: official.years,
  holidays: official.holidays,
  workdays: official.workdays,
  countyDays: [],
};

export type DayKind = 'working' | 'weekend' | 'holiday' | 'makeUpWorkday' | 'countyHoliday' | 'countyWorkday';

export interface DayReading {
  date: string;
  working: boolean;
  kind: DayKind;
  /** The festival or the county's name for the day, when it has one. */
  name?: string;
  /** The day's year has no notice yet: counted Monday to Friday until one is published. */
  provisional: boolean;
}

const dayMs = 86_400_000;
const epochDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / dayMs;
const dateOf = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

/** The calendar date `days` after `date` (before it when negative). */
export const addDays = (date: string, days: number) => dateOf(epochDay(date) + days);

/** What kind of day a date is under a calendar. */
export function readDay(calendar: WorkingCalendar, date: string): DayReading {
  const county = calendar.countyDays.find((day) => day.date === date);
  if (county) {
    return county.kind === 'holiday'
      ? { date, working: false, kind: 'countyHoliday', name: county.name, provisional: false }
      : { date, working: true, kind: 'countyWorkday', name: county.name, provisional: false };
  }
  const provisional = !calendar.years.includes(Number(date.slice(0, 4)));
  const holiday = calendar.holidays[date];
  if (holiday !== undefined) return { date, working: false, kind: 'holiday', name: holiday, provisional };
  const workday = calendar.workdays[date];
  if (workday !== undefined) return { date, working: true, kind: 'makeUpWorkday', name: workday, provisional };
  const weekday = new Date(epochDay(date) * dayMs).getUTCDay();
  return weekday === 0 || weekday === 6 ? { date, working: false, kind: 'weekend', provisional } : { date, working: true, kind: 'working', provisional };
}

/** A last day, and whether any day counted to reach it lies in a year without a notice. */
export interface CountedDay {
  date: string;
  provisional: boolean;
}

/**
 * The `count`-th working day after `from`, the day of receipt itself not counted (a 12345 order's "N working days
 * from the day after receipt"). Zero is `from` itself.
 */
export function workingDaysAfter(calendar: WorkingCalendar, from: string, count: number): CountedDay {
  let date = from;
  let provisional = false;
  for (let left = count; left > 0; ) {
    date = addDays(date, 1);
    const day = readDay(calendar, date);
    provisional ||= day.provisional;
    if (day.working) left -= 1;
  }
  return { date, provisional };
}

/** A period in calendar months and days, as the law words one ("一个月", "三十日"). */
export interface CalendarPeriod {
  months?: number;
  days?: number;
}

/**
 * The last day of a calendar period that starts on `from` (not counted): months land on the same day of the month,
 * or on the month's last day when it has no such day; a last day that is not a working day moves to the next working
 * day (Civil Procedure Law, Art. 85).
 */
export function periodEnd(calendar: WorkingCalendar, from: string, { months = 0, days = 0 }: CalendarPeriod): CountedDay & { moved: boolean } {
  const [year, month, dayOfMonth] = from.split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + months;
  const lastOfMonth = new Date(Date.UTC(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 0)).getUTCDate();
  const landed = dateOf(Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, Math.min(dayOfMonth, lastOfMonth)) / dayMs);
  let date = addDays(landed, days);
  let provisional = readDay(calendar, date).provisional;
  let moved = false;
  while (!readDay(calendar, date).working) {
    date = addDays(date, 1);
    provisional ||= readDay(calendar, date).provisional;
    moved = true;
  }
  return { date, provisional, moved };
}
