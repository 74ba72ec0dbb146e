import { readSpan, type SlaPolicy } from '../../schemas/policy';
import { deadlineAfter } from './deadlines';
import { officialCalendar, type WorkingCalendar } from './working-days';

/** The official calendars kept in the repository, by the name a policy gives them. */
const officialCalendars: Record<SlaPolicy['calendar']['official'], WorkingCalendar> = { 'chinese-days 1.5.7': officialCalendar };

/** The working calendar a policy counts in: an official one with the county's own days on top. */
export function calendarOf(calendar: SlaPolicy['calendar'] | undefined): WorkingCalendar {
  // A policy held by a run from before calendars has none: it counts in the first official one, with no county days.
  return { ...officialCalendars[calendar?.official ?? 'chinese-days 1.5.7'], countyDays: calendar?.countyDays ?? [] };
}

/** What counting a span needs of a policy; a route's workflow is handed just this. */
export type Timing = Pick<SlaPolicy, 'utcOffset'> & { calendar?: SlaPolicy['calendar'] };

/**
 * When a span of a policy that starts at an instant ends: a fixed span after exactly its length, working days and
 * months at 24:00 of their last day in the county's calendar. Provisional when a day counted has no notice yet.
 */
export function spanEnd(timing: Timing, span: string, start: Date): { dueAt: Date; provisional: boolean } {
  const read = readSpan(span);
  if (read.kind === 'fixed') return { dueAt: new Date(start.getTime() + read.ms), provisional: false };
  const counted = read.kind === 'workingDays' ? { workingDays: read.days } : { months: read.months };
  return deadlineAfter(calendarOf(timing.calendar), start, counted, timing.utcOffset);
}

/** How long a span is when it starts at an instant. */
export const spanMs = (timing: Timing, span: string, start: Date) => spanEnd(timing, span, start).dueAt.getTime() - start.getTime();
