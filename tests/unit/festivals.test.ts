import { describe, expect, it } from 'vitest';
import { countyDayRefusal, withCountyDay } from '../../domain/calendar/county-days';
import { festivalsOf } from '../../domain/calendar/festivals';
import { officialCalendar } from '../../domain/calendar/working-days';

describe('a year’s festivals as the notice words them', () => {
  it('gives 2026’s Spring Festival its nine days off and both make-up Saturdays', () => {
    expect(festivalsOf(officialCalendar, 2026).find((festival) => festival.name === '春节')).toEqual({
      name: '春节',
      off: { from: '2026-02-15', to: '2026-02-23' },
      makeUpDays: ['2026-02-14', '2026-02-28'],
    });
  });

  it('shows in a December the next New Year’s days off whose make-up day falls in it', () => {
    expect(festivalsOf(officialCalendar, 2018).at(-1)).toEqual({ name: '元旦', off: { from: '2018-12-30', to: '2019-01-01' }, makeUpDays: ['2018-12-29'] });
  });

  it('keeps a festival whole across a weekend day the notice does not list', () => {
    expect(festivalsOf(officialCalendar, 2015).filter((festival) => festival.name === '端午')).toHaveLength(1);
  });

  it('has none for a year without a notice', () => {
    expect(festivalsOf(officialCalendar, 2027)).toEqual([]);
  });
});

describe('a county’s own day', () => {
  const calendar = { ...officialCalendar, countyDays: withCountyDay([{ date: '2026-04-20', kind: 'workday', name: '值守' }], { date: '2026-03-10', kind: 'holiday', name: '三月三' }) };

  it('is kept in date order', () => {
    expect(calendar.countyDays.map((day) => day.date)).toEqual(['2026-03-10', '2026-04-20']);
  });

  it('is refused where it would count nothing differently, or where the county already declared one', () => {
    expect(countyDayRefusal(calendar, { date: '2026-03-10', kind: 'workday' })).toMatchObject({ code: 'countyDayTaken', name: '三月三' });
    expect(countyDayRefusal(calendar, { date: '2026-10-02', kind: 'holiday' })).toMatchObject({ code: 'alreadyOff', official: { kind: 'holiday', name: '国庆节' } });
    expect(countyDayRefusal(calendar, { date: '2026-10-10', kind: 'workday' })).toMatchObject({ code: 'alreadyWorking', official: { kind: 'makeUpWorkday' } });
    expect(countyDayRefusal(calendar, { date: '2026-03-14', kind: 'workday' })).toBeUndefined();
    expect(countyDayRefusal(calendar, { date: '2027-03-10', kind: 'holiday' })).toBeUndefined();
  });
});
