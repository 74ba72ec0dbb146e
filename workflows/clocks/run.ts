import { condition } from '@temporalio/workflow';
import type { CaseEvent, ClockName } from '../../schemas/case';
import type { ClockState } from '../case/definitions';

export type ClockOutcome = 'stopped' | 'breached';

const untilMs = (instant: string) => Math.max(1, Date.parse(instant) - Date.now());

/**
 * Waits out one clock: a warning when its share is used up, a breach when it is due, unless `stopped` turns true first.
 * Each warning and breach is reported as it happens, so the overdue list never has to replay anything.
 */
export async function runClock(
  name: ClockName,
  clock: ClockState,
  stopped: () => boolean,
  report: (event: Omit<CaseEvent, 'seq'>) => Promise<void>,
): Promise<ClockOutcome> {
  if (!clock.warnedAt) {
    if (await condition(stopped, untilMs(clock.warnAt))) return 'stopped';
    clock.warnedAt = new Date().toISOString();
    await report({ type: 'clock_warning', clock: name, at: clock.warnedAt, dueAt: clock.dueAt });
  }
  if (!clock.breachedAt) {
    if (await condition(stopped, untilMs(clock.dueAt))) return 'stopped';
    clock.breachedAt = new Date().toISOString();
    await report({ type: 'clock_breached', clock: name, at: clock.breachedAt, dueAt: clock.dueAt });
  }
  return 'breached';
}
