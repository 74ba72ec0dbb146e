import fc from 'fast-check';
import * as v from 'valibot';
import { spanEnd } from '../../domain/calendar/spans';
import { replanClocks } from '../../domain/clocks/clock-events';
import { clockAllowance } from '../../domain/clocks/plan';
import { previewDeadlines } from '../../domain/clocks/preview';
import { initialState } from '../../domain/lifecycle';
import { triage } from '../../domain/triage';
import { defaultSlaPolicy } from '../../domain/policy';
import { durationSchema, slaPolicySchema, spanSchema } from '../../schemas/policy';
import { describe, expect, it } from 'vitest';
import { deadlineAfter } from '../../domain/calendar/deadlines';
import { addDays, officialCalendar, periodEnd, readDay, workingDaysAfter, type WorkingCalendar } from '../../domain/calendar/working-days';

const calendar = officialCalendar;
const at = (local: string) => new Date(`${local}+08:00`);

describe('the official calendar', () => {
  it('reads the 2026 notice: the Spring Festival off, the Saturdays that make up for it on', () => {
    expect(readDay(calendar, '2026-02-16')).toMatchObject({ working: false, kind: 'holiday', name: '春节', provisional: false });
    expect(readDay(calendar, '2026-02-14')).toMatchObject({ working: true, kind: 'makeUpWorkday', name: '春节' });
    expect(readDay(calendar, '2026-02-28')).toMatchObject({ working: true, kind: 'makeUpWorkday' });
    expect(readDay(calendar, '2026-10-10')).toMatchObject({ working: true, kind: 'makeUpWorkday', name: '国庆节' });
    expect(readDay(calendar, '2026-03-07')).toMatchObject({ working: false, kind: 'weekend' });
    expect(readDay(calendar, '2026-03-09')).toMatchObject({ working: true, kind: 'working' });
  });

  it('covers 2004 to 2026, and counts a year without a notice Monday to Friday, provisionally', () => {
    expect(calendar.years[0]).toBe(2004);
    expect(calendar.years.at(-1)).toBe(2026);
    expect(readDay(calendar, '2027-02-10')).toMatchObject({ working: true, kind: 'working', provisional: true });
    expect(readDay(calendar, '2027-02-13')).toMatchObject({ working: false, kind: 'weekend', provisional: true });
  });
});

describe('working days from the day after receipt', () => {
  it('steps over the Spring Festival, counting its make-up Saturday', () => {
    // Received Thursday 12 February: Friday 13 is the first, Saturday 14 (调休) the second, Tuesday 24 the third.
    expect(workingDaysAfter(calendar, '2026-02-12', 3)).toEqual({ date: '2026-02-24', provisional: false });
    const due = deadlineAfter(calendar, at('2026-02-12T17:45'), { workingDays: 3 }, '+08:00');
    expect(due).toEqual({ dueAt: at('2026-02-25T00:00'), lastDay: '2026-02-24', provisional: false });
  });

  it('steps over National Day and lands on the Saturday the notice made a working day', () => {
    expect(workingDaysAfter(calendar, '2026-09-30', 1).date).toBe('2026-10-08');
    expect(workingDaysAfter(calendar, '2026-10-09', 1).date).toBe('2026-10-10');
  });

  it('counts the county’s own days: a local holiday off, a declared working day on', () => {
    const county: WorkingCalendar = {
      ...calendar,
      version: 'test/county',
      countyDays: [
        { date: '2026-03-10', kind: 'holiday', name: '县庆' },
        { date: '2026-03-14', kind: 'workday', name: '防汛值守' },
      ],
    };
    expect(workingDaysAfter(calendar, '2026-03-09', 1).date).toBe('2026-03-10');
    expect(workingDaysAfter(county, '2026-03-09', 1).date).toBe('2026-03-11');
    expect(workingDaysAfter(county, '2026-03-13', 1).date).toBe('2026-03-14');
  });

  it('says a deadline is provisional when it counts a day of a year without a notice', () => {
    expect(workingDaysAfter(calendar, '2026-12-30', 3)).toEqual({ date: '2027-01-04', provisional: true });
    expect(workingDaysAfter(calendar, '2026-12-28', 3)).toEqual({ date: '2026-12-31', provisional: false });
  });

  it('always ends on a working day with exactly that many working days after the start', () => {
    const days = fc.integer({ min: 0, max: 8400 }).map((n) => addDays('2004-01-01', n));
    fc.assert(
      fc.property(days, fc.integer({ min: 1, max: 40 }), (from, count) => {
        const { date } = workingDaysAfter(calendar, from, count);
        expect(readDay(calendar, date).working).toBe(true);
        let counted = 0;
        for (let day = addDays(from, 1); day <= date; day = addDays(day, 1)) if (readDay(calendar, day).working) counted += 1;
        expect(counted).toBe(count);
        expect(workingDaysAfter(calendar, from, count + 1).date > date).toBe(true);
      }),
    );
  });
});

describe('a calendar period', () => {
  it('whose last day is a holiday ends on the next working day', () => {
    // Thirty days from 5 September end on 5 October, inside National Day: the period ends on Thursday 8 October.
    expect(periodEnd(calendar, '2026-09-05', { days: 30 })).toEqual({ date: '2026-10-08', provisional: false, moved: true });
    expect(periodEnd(calendar, '2026-11-02', { days: 30 })).toEqual({ date: '2026-12-02', provisional: false, moved: false });
  });

  it('of a month lands on the same day, or the month’s last day, and stays there when the notice makes it a working day', () => {
    // 31 January plus a month is 28 February: a Saturday, but one the notice made a working day.
    expect(periodEnd(calendar, '2026-01-31', { months: 1 })).toEqual({ date: '2026-02-28', provisional: false, moved: false });
    expect(periodEnd(calendar, '2026-03-15', { months: 1 })).toEqual({ date: '2026-04-15', provisional: false, moved: false });
    expect(periodEnd(calendar, '2026-12-12', { months: 1 }).provisional).toBe(true);
  });

  it('never ends before the period nor on a day off', () => {
    const days = fc.integer({ min: 0, max: 8000 }).map((n) => addDays('2004-01-01', n));
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 60 }), (from, months, extra) => {
        const { date } = periodEnd(calendar, from, { months, days: extra });
        expect(readDay(calendar, date).working).toBe(true);
        expect(date >= addDays(from, extra)).toBe(true);
      }),
    );
  });
});

describe('a policy’s spans in working days and months', () => {
  it('are taken where a deadline is set, and refused where a fixed length is meant', () => {
    for (const span of ['P3WD', 'P1M', 'P15D', 'PT2H']) expect(v.is(spanSchema, span), span).toBe(true);
    for (const span of ['P0WD', 'P3W D', 'P1000WD', 'P0M', '3WD']) expect(v.is(spanSchema, span), span).toBe(false);
    // An extension a mediator asks for, or a batch's feedback time, is a length, not a count of days off work.
    expect(v.is(durationSchema, 'P3WD')).toBe(false);
    expect(v.safeParse(slaPolicySchema, { ...defaultSlaPolicy, resolveWithin: { ...defaultSlaPolicy.resolveWithin, grassroots: 'P10WD' } }).success).toBe(true);
  });

  it('plan a case filed on the eve of the Spring Festival past it, and a month that ends on a holiday past that', () => {
    const policy = { ...defaultSlaPolicy, resolveWithin: { grassroots: 'P3WD', judicial: 'P1M', joint: 'P20D' } };
    const deadlines = previewDeadlines(policy, at('2026-02-12T17:45').toISOString());
    const due = (key: string) => deadlines.find((deadline) => deadline.key === key)?.dueAt;
    expect(due('resolve.grassroots')).toBe(at('2026-02-25T00:00').toISOString());
    expect(due('resolve.joint')).toBe(new Date(at('2026-02-12T17:45').getTime() + 20 * 86_400_000).toISOString());
    // 12 March is a working day (a Thursday): a month from 12 February lands there.
    expect(due('resolve.judicial')).toBe(at('2026-03-13T00:00').toISOString());
    // First contact in working days, where a station counts it so: filed on the eve of National Day, due after it.
    const firstContact = previewDeadlines({ ...policy, firstContact: { rule: 'within', duration: 'P1WD' } }, at('2026-09-30T16:00').toISOString());
    expect(firstContact.find((deadline) => deadline.key === 'firstContact')?.dueAt).toBe(at('2026-10-09T00:00').toISOString());
    expect(spanEnd(policy, 'P1M', at('2026-09-05T10:00'))).toMatchObject({ dueAt: at('2026-10-09T00:00'), provisional: false });
  });
});

describe('a clock counted into a year without a notice', () => {
  const policy = { ...defaultSlaPolicy, resolveWithin: { grassroots: 'P1M', judicial: 'P10WD', joint: 'P20D' } };
  const context = (route: 'grassroots' | 'judicial' | 'joint', startedAt: string) => ({ route, startedAt: at(startedAt).toISOString(), returnVisitIndex: 0 });

  it('is provisional when a day it counts lies in that year, and not otherwise', () => {
    expect(clockAllowance(policy, 'resolve', context('grassroots', '2026-12-10T09:00')).provisional).toBe(true);
    expect(clockAllowance(policy, 'resolve', context('grassroots', '2026-11-10T09:00')).provisional).toBe(false);
    expect(clockAllowance(policy, 'resolve', context('judicial', '2026-12-10T09:00')).provisional).toBe(false);
    expect(clockAllowance(policy, 'resolve', context('judicial', '2026-12-24T09:00')).provisional).toBe(true);
    // Calendar time knows no holidays: never provisional.
    expect(clockAllowance(policy, 'resolve', context('joint', '2026-12-24T09:00')).provisional).toBe(false);
  });

  it('stops being provisional when a new policy counts it in calendar time, keeping its start', () => {
    const start = { caseId: 'c-1', caseNumber: 'XH-LY-20261210-0001', channel: 'grid' as const, jurisdictionCode: 'XH-LY', filedAt: at('2026-12-10T09:00').toISOString(), policy, riskFlags: [] };
    const state = initialState(start, triage({ category: 'neighbour', riskFlags: [], repeat: false }));
    expect(state.clocks.resolve?.provisional).toBe(true);
    replanClocks(state, { ...policy, version: 2, resolveWithin: { ...policy.resolveWithin, grassroots: 'P30D' } });
    expect(state.clocks.resolve?.provisional).toBeUndefined();
    expect(state.clocks.resolve?.dueAt).toBe(new Date(at('2026-12-10T09:00').getTime() + 30 * 86_400_000).toISOString());
  });
});
