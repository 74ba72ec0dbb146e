import type { ListedClock } from '../schemas/case-list';
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
 * Marks what has come due at `now`: the lines that reached their warning point without feedback (their assignees are
 * reminded, once each) and the lines that went past their due time. A line that is late already is not warned too.
 */
export function takeDueLines(clocks: FeedbackClocks, now: number, at: string): { warned: number[]; late: number[] } {
  const lineOf = new Map(Object.entries(clocks).map(([line, clock]) => [clock, Number(line)]));
  const warned = new Set<number>();
  const late: number[] = [];
  for (const { clock, kind } of dueEvents(Object.values(clocks), now)) {
    const line = lineOf.get(clock)!;
    if (kind === 'warning') {
      clock.warnedAt = at;
      warned.add(line);
    } else {
      clock.breachedAt = at;
      warned.delete(line);
      late.push(line);
    }
  }
  const ascending = (a: number, b: number) => a - b;
  return { warned: [...warned].sort(ascending), late: late.sort(ascending) };
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

/**
 * An unanswered instruction's feedback clock as the case lists hold theirs (schemas/case-list.ts), so the pages read
 * and word it as they do a case's (domain/clocks/clock-reading.ts): none before the workflow dispatched it.
 */
export function feedbackClockOf(line: Parameters<typeof instructionState>[0] & { dueAt: string | null }): ListedClock | undefined {
  if (!line.dueAt || line.feedbackAt) return undefined;
  const state = instructionState(line);
  return { clock: 'feedback', dueAt: line.dueAt, state: state === 'overdue' ? 'breached' : state === 'warning' ? 'warning' : 'running' };
}
