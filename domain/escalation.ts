import type { CaseState } from '../schemas/case-state';
import type { ClockName, Department } from '../schemas/vocabulary';
import type { CaseEventDraft } from './case-event';
import { startCaseClock } from './clocks/case-clocks';
import { isRunning } from './clocks/clock';

/**
 * Escalation up the jurisdiction tree: a breach raises the case to the station's leaders (level 1) and asks them
 * to acknowledge it in time, or it goes to the county (level 2). Once acknowledged and dealt with, the level comes
 * down; the case keeps every level it reached in `escalations`.
 */
type Cause = { clock: ClockName } | { department: Department } | { unsatisfiedVisit: true };

const causeText = (cause: Cause) =>
  'clock' in cause ? `clock ${cause.clock}` : 'department' in cause ? `department ${cause.department}` : 'unsatisfied return visit';

/** Raises the case to the station's leaders, unless an escalation is already waiting for them. */
export function raiseEscalation(state: CaseState, cause: Cause, now: string): CaseEventDraft[] {
  const ack = state.clocks.escalationAck;
  if (ack && isRunning(ack)) return [];
  if (state.escalationLevel < 1) state.escalationLevel = 1;
  state.escalations.push({ level: 1, at: now, cause: causeText(cause) });
  startCaseClock(state, 'escalationAck', now);
  return [{ type: 'escalated', actor: 'system', detail: { level: 1, ...cause }, notify: 'station' }];
}

/** Nobody at the station acknowledged in time: the county hears of it. */
export function escalateToCounty(state: CaseState, now: string): CaseEventDraft[] {
  state.escalationLevel = 2;
  state.escalations.push({ level: 2, at: now, cause: 'unacknowledged' });
  return [{ type: 'escalated', actor: 'system', detail: { level: 2, unacknowledged: true }, notify: 'county' }];
}

/** A clock still running past its due time, or a department still late: the breach is not dealt with yet. */
export function hasLiveBreach(state: CaseState): boolean {
  const lateClock = Object.values(state.clocks).some(
    (clock) => clock.name !== 'escalationAck' && clock.name !== 'returnVisit' && clock.breachedAt && !clock.stoppedAt,
  );
  return lateClock || Object.values(state.route.departments).includes('overdue');
}

/** Acknowledged and dealt with, or the case's work is over: the level comes down. */
export function settleEscalation(state: CaseState): CaseEventDraft[] {
  if (state.escalationLevel === 0) return [];
  const ack = state.clocks.escalationAck;
  const waitingForLeaders = ack !== undefined && isRunning(ack);
  if (state.status !== 'closed' && waitingForLeaders) return [];
  if (state.status === 'open' && hasLiveBreach(state)) return [];
  const from = state.escalationLevel;
  state.escalationLevel = 0;
  return [{ type: 'escalation_cleared', actor: 'system', detail: { from }, notify: 'station' }];
}

/** A department of a joint route is late with its report: the station hears of it and it escalates like a clock. */
export function markDepartmentOverdue(state: CaseState, department: Department, now: string): CaseEventDraft[] {
  // A deadline that falls as the case closes reaches a case with nothing left to escalate.
  if (state.status !== 'open' || state.route.departments[department] !== 'pending') return [];
  state.route.departments[department] = 'overdue';
  return [
    { type: 'department_overdue', actor: 'system', detail: { department }, notify: 'station' },
    ...raiseEscalation(state, { department }, now),
  ];
}
