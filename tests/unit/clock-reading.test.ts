import { describe, expect, it } from 'vitest';
import { dueEvents, extendClock, pauseClock, startClock, type Clock } from '../../domain/clocks/clock';
import { readClock, readListedClock, reportedState } from '../../domain/clocks/clock-reading';

const t0 = Date.parse('2026-11-23T02:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const read = (clock: Clock, seconds: number) =>
  readClock({ dueAt: clock.dueAt, reported: reportedState(clock), paused: Boolean(clock.pausedAt) }, t0 + seconds * 1000);

/** What the workflow does when its timer fires: records each warning and breach due by then. */
const report = (clock: Clock, seconds: number) => {
  for (const event of dueEvents([clock], t0 + seconds * 1000)) event.clock[event.kind === 'warning' ? 'warnedAt' : 'breachedAt'] = at(seconds);
};

describe('a clock read at a moment', () => {
  it('runs, warns when the warning is reported, and is breached from its due time on, reported or not', () => {
    const clock = startClock('resolve', at(0), 100_000, 0.8);
    expect(read(clock, 50)).toEqual({ state: 'running', late: false, msLeft: 50_000, paused: false });

    report(clock, 85);
    expect(clock.warnedAt).toBe(at(85));
    expect(read(clock, 90)).toEqual({ state: 'warning', late: false, msLeft: 10_000, paused: false });

    // Due, and the workflow's report of the breach not in yet: stored as warning, read as breached.
    expect(reportedState(clock)).toBe('warning');
    expect(read(clock, 100)).toEqual({ state: 'breached', late: true, msLeft: 0, paused: false });
    expect(read(clock, 400)).toEqual({ state: 'breached', late: true, msLeft: -300_000, paused: false });

    report(clock, 400);
    expect(read(clock, 400)).toMatchObject({ state: 'breached', late: true });
  });

  it('is no longer late once an extension moves its due time past now', () => {
    const clock = startClock('resolve', at(0), 100_000, 0.8);
    report(clock, 120);
    expect(read(clock, 120).state).toBe('breached');
    extendClock(clock, 200_000, 0.8);
    expect(read(clock, 120)).toEqual({ state: 'running', late: false, msLeft: 180_000, paused: false });
  });

  it('is not late while paused, however long the pause, and keeps what was reported', () => {
    const clock = startClock('firstContact', at(0), 100_000, 0.5);
    report(clock, 60);
    pauseClock(clock, at(70));
    expect(read(clock, 500)).toEqual({ state: 'warning', late: false, msLeft: -400_000, paused: true });
  });

  it('reads a list’s copy of a clock the same way: its state as reported, its case’s pause for its own', () => {
    const listed = { dueAt: at(100), state: 'warning' } as const;
    expect(readListedClock(listed, false, t0 + 99_000).state).toBe('warning');
    expect(readListedClock(listed, false, t0 + 101_000).state).toBe('breached');
    expect(readListedClock(listed, true, t0 + 101_000).state).toBe('warning');
    expect(readListedClock({ dueAt: at(100), state: 'breached' }, true, t0).state).toBe('breached');
  });
});
