import type { CaseState } from '../schemas/case-state';
import { refusal, type Refusal } from '../schemas/refusal';
import type { StepUpdate } from '../schemas/steps';
import type { CaseEventDraft } from './case-event';
import { reopenCase } from './case-endings';
import { startCaseClock, stopCaseClock } from './clocks/case-clocks';
import { formatLocal } from './clocks/local-time';
import { raiseEscalation } from './escalation';
import { durationToMs } from './policy';

/**
 * Return visits (回访, 问效) check whether a settlement held: each at its time after the resolution, one after the
 * other; a party not satisfied opens the case again or raises it to the station's leaders, as the policy says.
 */
export function refuseReturnVisit(state: CaseState, now: string): Refusal | undefined {
  if (state.status !== 'resolved') return refusal('visitsAfterResolve');
  if (state.returnVisits.length >= state.policy.returnVisitsAfter.length) return refusal('visitsDone');
  const due = state.clocks.returnVisit;
  if (!due) return undefined;
  const opensAt = Date.parse(due.dueAt) - durationToMs(state.policy.returnVisitWindow);
  if (Date.parse(now) >= opensAt) return undefined;
  const when = formatLocal(new Date(opensAt).toISOString(), state.policy.utcOffset);
  return refusal('visitNotDue', { n: state.returnVisits.length + 1, when, offset: state.policy.utcOffset });
}

export function recordReturnVisit(state: CaseState, visit: Extract<StepUpdate, { step: 'record-return-visit' }>['payload'], now: string): CaseEventDraft[] {
  state.returnVisits.push({ at: now, satisfied: visit.satisfied, note: visit.note });
  stopCaseClock(state, 'returnVisit', now);
  if (!visit.satisfied && state.policy.unsatisfiedVisit === 'reopen') return reopenCase(state, 'unsatisfied_visit', now);
  if (state.returnVisits.length < state.policy.returnVisitsAfter.length) startCaseClock(state, 'returnVisit', now);
  return visit.satisfied ? [] : raiseEscalation(state, { unsatisfiedVisit: true }, now);
}
