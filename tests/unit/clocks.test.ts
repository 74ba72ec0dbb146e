import { describe, expect, it } from 'vitest';
import { dueEvents, extendClock, msUntilNextEvent, pauseClock, replanClock, resumeClock, startClock, stopClock } from '../../domain/clocks/clock';
import { triage } from '../../domain/triage';
import { startFeedbackClocks, takeDueLines } from '../../domain/batch-clocks';

const t0 = Date.parse('2026-11-23T02:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

describe('a clock', () => {
  it('warns at its share and breaches when due, each once', () => {
    const clock = startClock('resolve', at(0), 100_000, 0.8);
    expect(msUntilNextEvent([clock], t0)).toBe(80_000);
    expect(dueEvents([clock], t0 + 90_000).map((e) => e.kind)).toEqual(['warning']);
    clock.warnedAt = at(90);
    expect(dueEvents([clock], t0 + 120_000).map((e) => e.kind)).toEqual(['breach']);
  });

  it('stands still while paused and moves its due time on by the pause', () => {
    const clock = startClock('firstContact', at(0), 60_000, 0.5);
    pauseClock(clock, at(10));
    expect(dueEvents([clock], t0 + 600_000)).toEqual([]);
    expect(msUntilNextEvent([clock], t0)).toBeUndefined();
    resumeClock(clock, at(40), 0.5);
    expect(clock.dueAt).toBe(at(90));
  });

  it('runs again after an extension or a longer policy, and warns and breaches anew', () => {
    const clock = startClock('resolve', at(0), 10_000, 0.5);
    Object.assign(clock, { warnedAt: at(5), breachedAt: at(10) });
    extendClock(clock, 20_000, 0.5);
    expect([clock.dueAt, clock.warnedAt, clock.breachedAt]).toEqual([at(30), undefined, undefined]);
    Object.assign(clock, { warnedAt: at(15), breachedAt: at(30) });
    replanClock(clock, 40_000, 0.5);
    expect([clock.dueAt, clock.warnedAt, clock.breachedAt]).toEqual([at(60), undefined, undefined]);
  });

  it('keeps a breach that a shorter policy would only have brought earlier', () => {
    const clock = startClock('resolve', at(0), 10_000, 0.5);
    Object.assign(clock, { warnedAt: at(5), breachedAt: at(10) });
    replanClock(clock, 8_000, 0.5);
    expect(clock.breachedAt).toBe(at(10));
  });

  it('says nothing once stopped', () => {
    const clock = startClock('accept', at(0), 1_000, 0.5);
    stopClock(clock, at(0.5));
    expect(dueEvents([clock], t0 + 10_000)).toEqual([]);
  });
});

describe('a batch’s feedback clocks', () => {
  const start = '2026-11-23T02:00:00.000Z';
  const at = (hours: number) => Date.parse(start) + hours * 3_600_000;

  it('warns each line without feedback once at its warning point, and reports it late once at its due time', () => {
    const clocks = startFeedbackClocks([1, 2, 3], start, 10 * 3_600_000, 0.8);
    stopClock(clocks['2']!, new Date(at(1)).toISOString());
    expect(takeDueLines(clocks, at(7), 'x')).toEqual({ warned: [], late: [] });
    expect(takeDueLines(clocks, at(8), 'x')).toEqual({ warned: [1, 3], late: [] });
    expect(takeDueLines(clocks, at(9), 'x')).toEqual({ warned: [], late: [] });
    expect(takeDueLines(clocks, at(10), 'x')).toEqual({ warned: [], late: [1, 3] });
  });

  it('does not warn a line that is late already when both points pass at once', () => {
    const clocks = startFeedbackClocks([1], start, 10 * 3_600_000, 0.8);
    expect(takeDueLines(clocks, at(11), 'x')).toEqual({ warned: [], late: [1] });
  });
});

describe('triage', () => {
  it('sends neighbours home first, money to the mediation committee, land and groups to the departments', () => {
    expect(triage({ category: 'neighbour', riskFlags: [], repeat: false })).toMatchObject({ route: 'grassroots', hardCase: false });
    expect(triage({ category: 'traffic', riskFlags: [], repeat: false })).toMatchObject({ route: 'judicial', hardCase: false });
    expect(triage({ category: 'land', riskFlags: [], repeat: false })).toMatchObject({ route: 'joint', hardCase: false });
    expect(triage({ category: 'family', riskFlags: ['group'], repeat: false })).toMatchObject({ route: 'joint', hardCase: true });
  });

  it('makes any risk or a repeat a hard case, and says why', () => {
    const knife = triage({ category: 'neighbour', riskFlags: ['violence'], repeat: true });
    expect(knife.hardCase).toBe(true);
    expect(knife.reasons).toEqual(expect.arrayContaining([{ code: 'risk', flag: 'violence' }, { code: 'repeat' }]));
  });
});
