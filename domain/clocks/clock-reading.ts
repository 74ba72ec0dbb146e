import type { ClockState } from '../../schemas/case-list';

/**
 * What a clock says at a moment: the one reading the work lists' filter, the board, the queue and the case page all
 * show. The workflow reports a warning and a breach as they fall due (`warnedAt`, `breachedAt`); a report can be late
 * (the workflow busy, the edge unreachable), so a clock past its due time reads as breached without waiting for it.
 * A paused clock is not late however long the pause: resuming moves its due time on by the pause (clock.ts).
 *
 * db/queries/case-lists.ts writes the same rule in SQL for the clockState filter; the filter test in
 * tests/worker/case-filters.test.ts lists cases in each state and checks them against this reading.
 */

/** A clock as the lists and pages hold it: its due time, what the workflow has reported of it, whether it stands paused. */
export type ClockFacts = { dueAt: string; reported: ClockState; paused: boolean };

/**
 * `late` when its due time has come and it runs, so always with `state` breached; `msLeft` until the due time, below
 * zero by how long it is overdue. A paused clock's due time will move, so what its `msLeft` says is no deadline.
 */
export type ClockReading = { state: ClockState; late: boolean; msLeft: number; paused: boolean };

/** What the workflow has reported of a clock: its breach, else its warning, else nothing yet. */
export const reportedState = (clock: { warnedAt?: string | null; breachedAt?: string | null }): ClockState =>
  clock.breachedAt ? 'breached' : clock.warnedAt ? 'warning' : 'running';

/** A running clock whose due time has come is breached, reported or not. */
export const breachesByTime = (facts: ClockFacts, now: number) => !facts.paused && Date.parse(facts.dueAt) <= now;

export function readClock(facts: ClockFacts, now: number): ClockReading {
  const late = breachesByTime(facts, now);
  return { state: late ? 'breached' : facts.reported, late, msLeft: Date.parse(facts.dueAt) - now, paused: facts.paused };
}

/** A list's copy of an open clock (schemas/case-list.ts) read at `now`: its case's pause is its clocks' pause. */
export const readListedClock = (clock: { dueAt: string; state: ClockState }, paused: boolean, now: number) =>
  readClock({ dueAt: clock.dueAt, reported: clock.state, paused }, now);
