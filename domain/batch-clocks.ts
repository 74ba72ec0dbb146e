import type { Clock } from '../schemas/case-state';
import type { InstructionStatus } from '../schemas/vocabulary';
import { dueEvents, isRunning, startClock } from './clocks/clock';

/**
 * A batch's instructions as clocks, keyed by line number: data in one workflow rather than a workflow each, so a
 * batch of 500 lines is one execution whose timer is always the nearest due time.
 */
export type FeedbackClocks = Record<string, Clock>;

export function startFeedbackClocks(lines: number[], at: string, budgetMs: number, warnAtShare: number): FeedbackClocks {
  return Object.fromEntries(lines.map((line) => [String(line), startClock('feedback', at, budgetMs, warnAtShare)]));
}

/** Lines still waiting for feedback and not yet late: while any is, the batch goes on. */
export const waitingLines = (clocks: FeedbackClocks) =>
  Object.entries(clocks)
    .filter(([, clock]) => isRunning(clock) && !clock.breachedAt)
    .map(([line]) => Number(line));

/**
 * Marks what has come due at `now` and answers the lines that went past their due time. A warning is only noted:
 * the assignee's reminder is not part of a batch yet, and a noted warning keeps the timer moving on to the due time.
 */
export function takeOverdueLines(clocks: FeedbackClocks, now: number, at: string): number[] {
  const lineOf = new Map(Object.entries(clocks).map(([line, clock]) => [clock, Number(line)]));
  const late: number[] = [];
  for (const { clock, kind } of dueEvents(Object.values(clocks), now)) {
    if (kind === 'warning') clock.warnedAt = at;
    else {
      clock.breachedAt = at;
      late.push(lineOf.get(clock)!);
    }
  }
  return late.sort((a, b) => a - b);
}

/** What a finished batch counts: lines answered (late or not) and lines that went overdue. */
export const batchTally = (clocks: FeedbackClocks) => ({
  answered: Object.values(clocks).filter((clock) => clock.stoppedAt).length,
  overdue: Object.values(clocks).filter((clock) => clock.breachedAt).length,
});

/** An instruction as its assignee reads it: answered (late or not), overdue, past its warning point, or running. */
export const instructionStates = ['running', 'warning', 'overdue', 'answered'] as const;
export type InstructionState = (typeof instructionStates)[number];

export function instructionState(line: { status: InstructionStatus; feedbackAt: string | null; overdueAt: string | null }): InstructionState {
  if (line.feedbackAt) return 'answered';
  if (line.overdueAt) return 'overdue';
  return line.status === 'warning' ? 'warning' : 'running';
}
