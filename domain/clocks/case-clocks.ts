import type { CaseState } from '../../schemas/case-state';
import type { ClockName } from '../../schemas/vocabulary';
import { pauseClock, startClock, stopClock } from './clock';
import { clockAllowance } from './plan';

function resolvedAt(state: CaseState): string | undefined {
  return state.routeHistory.findLast((entry) => entry.outcome === 'resolved')?.at;
}

/** Starts (or restarts) one of the case's clocks with the allowance the case's policy gives it. */
export function startCaseClock(state: CaseState, name: ClockName, at: string) {
  const startedAt = name === 'returnVisit' ? (resolvedAt(state) ?? at) : at;
  const allowance = clockAllowance(state.policy, name, { startedAt, route: state.route.route, returnVisitIndex: state.returnVisits.length });
  const clock = startClock(name, startedAt, allowance.budgetMs, state.policy.warnAtShare);
  if (allowance.provisional) clock.provisional = true;
  if (state.paused) pauseClock(clock, at);
  state.clocks[name] = clock;
}

export function stopCaseClock(state: CaseState, name: ClockName, at: string) {
  const clock = state.clocks[name];
  if (clock) stopClock(clock, at);
}

export const stopAllClocks = (state: CaseState, at: string) => Object.values(state.clocks).forEach((clock) => stopClock(clock, at));

/** Overdue: some clock ran out and is still running; what the supervisor's list reads. */
export const isOverdue = (state: CaseState) => Object.values(state.clocks).some((clock) => clock.breachedAt && !clock.stoppedAt);
