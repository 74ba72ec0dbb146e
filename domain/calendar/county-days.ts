import { readDay, type CountyDay, type DayReading, type WorkingCalendar } from './working-days';

/** Why a county day cannot be added, as a code the pages word; `official` is what the day already is without it. */
export type CountyDayRefusal =
  | { code: 'countyDayTaken'; field: 'date'; name: string }
  | { code: 'alreadyOff'; field: 'kind'; official: DayReading }
  | { code: 'alreadyWorking'; field: 'kind'; official: DayReading };

/**
 * Whether a county may declare a day: one declaration a date, and a declaration that changes something: a local
 * holiday on a day that is off anyway, or a working day on one already worked, would count nothing differently.
 */
export function countyDayRefusal(calendar: WorkingCalendar, day: Pick<CountyDay, 'date' | 'kind'>): CountyDayRefusal | undefined {
  const taken = calendar.countyDays.find((existing) => existing.date === day.date);
  if (taken) return { code: 'countyDayTaken', field: 'date', name: taken.name };
  const official = readDay({ ...calendar, countyDays: [] }, day.date);
  if (day.kind === 'holiday' && !official.working) return { code: 'alreadyOff', field: 'kind', official };
  if (day.kind === 'workday' && official.working) return { code: 'alreadyWorking', field: 'kind', official };
  return undefined;
}

/** The county's days with one more, in date order as a policy keeps them. */
export const withCountyDay = (days: readonly CountyDay[], day: CountyDay): CountyDay[] => [...days, day].sort((a, b) => a.date.localeCompare(b.date));

/** The county's days without the one on `date`. */
export const withoutCountyDay = (days: readonly CountyDay[], date: string): CountyDay[] => days.filter((day) => day.date !== date);
