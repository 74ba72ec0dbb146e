import { localDay, offsetMs } from '../clocks/local-time';
import { periodEnd, workingDaysAfter, type CalendarPeriod, type WorkingCalendar } from './working-days';

/** A span counted in working days, or a calendar period whose last day moves off a holiday. */
export type CountedSpan = { workingDays: number } | CalendarPeriod;

export interface CountedDeadline {
  /** 24:00 of the last day, in the county's offset: a day counts whole. */
  dueAt: Date;
  lastDay: string;
  /** A day counted lies in a year whose notice is not out yet; the deadline may move when it is. */
  provisional: boolean;
}

/** When a span that starts at an instant ends, counted in the county's calendar and offset. */
export function deadlineAfter(calendar: WorkingCalendar, start: Date, span: CountedSpan, utcOffset: string): CountedDeadline {
  const from = localDay(start, utcOffset);
  const last = 'workingDays' in span ? workingDaysAfter(calendar, from, span.workingDays) : periodEnd(calendar, from, span);
  return { dueAt: new Date(Date.parse(`${last.date}T00:00:00Z`) + 86_400_000 - offsetMs(utcOffset)), lastDay: last.date, provisional: last.provisional };
}
