import { addDays, type WorkingCalendar } from './working-days';

/** One festival of a year's notice: the days off, as runs of consecutive dates, and the weekend days worked for it. */
export interface Festival {
  name: string;
  /** The first and last day off (a holiday's weekend days included). */
  off: { from: string; to: string };
  /** The make-up working days (调休上班) the notice sets for this festival, in date order. */
  makeUpDays: string[];
}

/** How far a make-up working day may lie from its festival: the notices keep them within the weeks around it. */
const makeUpReachDays = 31;
const daysBetween = (a: string, b: string) => Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;

/** Whether the days between two dates are all rest days of the week: a run of days off broken by none worked. */
function onlyWeekendBetween(calendar: WorkingCalendar, before: string, after: string): boolean {
  for (let date = addDays(before, 1); date < after; date = addDays(date, 1)) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if ((weekday !== 0 && weekday !== 6) || calendar.workdays[date] !== undefined) return false;
  }
  return true;
}

/**
 * The festivals of a year as the State Council's notice announces them ("春节：2月15日至23日放假，2月14日、2月28日
 * 上班"): every run of days off that touches the year, and every festival one of whose make-up days lies in it (the
 * 元旦 of next year, worked for on a Sunday in December). Empty for a year the calendar has no notice for.
 */
export function festivalsOf(calendar: WorkingCalendar, year: number): Festival[] {
  if (!calendar.years.includes(year)) return [];
  const runs: Festival[] = [];
  for (const date of Object.keys(calendar.holidays).sort()) {
    const name = calendar.holidays[date]!;
    const last = runs.at(-1);
    if (last && last.name === name && onlyWeekendBetween(calendar, last.off.to, date)) last.off.to = date;
    else runs.push({ name, off: { from: date, to: date }, makeUpDays: [] });
  }
  for (const date of Object.keys(calendar.workdays).sort()) {
    const name = calendar.workdays[date]!;
    const nearest = runs
      .filter((run) => run.name === name && Math.min(daysBetween(run.off.from, date), daysBetween(run.off.to, date)) <= makeUpReachDays)
      .sort((a, b) => daysBetween(a.off.from, date) - daysBetween(b.off.from, date))[0];
    nearest?.makeUpDays.push(date);
  }
  const inYear = (date: string) => date.startsWith(`${year}-`);
  return runs.filter((run) => inYear(run.off.from) || inYear(run.off.to) || run.makeUpDays.some(inYear));
}
