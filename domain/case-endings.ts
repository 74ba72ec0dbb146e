import type { CaseState } from '../schemas/case-state';
import type { StepUpdate } from '../schemas/steps';
import type { RouteName } from '../schemas/vocabulary';
import type { CaseEventDraft } from './case-event';
import { startCaseClock, stopAllClocks, stopCaseClock } from './clocks/case-clocks';
import { resumeClock } from './clocks/clock';
import { endRoute, newRoute, nextRoute } from './routes';

/**
 * How a case's work ends and starts again: resolved on a route, moved to the next route with a hand-over,
 * referred to litigation, left by an exit, closed, or reopened by a repeat or an unsatisfied party.
 */

/** Clocks that watch the work itself; they stop whenever the work on a route is over. */
const workClocks = ['firstContact', 'dispatch', 'accept', 'followUp', 'resolve', 'escalationAck'] as const;

/** A route's end takes whatever was pending on it: an extension asked for that route no longer applies. */
function leaveRoute(state: CaseState, outcome: 'resolved' | 'failed' | 'moved', reason: string | undefined, now: string) {
  state.routeHistory.push({ route: state.route.route, outcome, reason, at: now });
  delete state.pendingExtension;
}

/** A route that resolved closes the work and starts the return visits; one that failed moves the case on. */
export function afterRouteChange(state: CaseState, now: string): CaseEventDraft[] {
  if (state.route.stage === 'resolved') {
    leaveRoute(state, 'resolved', undefined, now);
    state.status = 'resolved';
    state.outcome = 'agreement';
    state.order = 'resolved';
    workClocks.forEach((name) => stopCaseClock(state, name, now));
    startCaseClock(state, 'returnVisit', now);
    return [{ type: 'resolved', actor: 'system', detail: { route: state.route.route } }];
  }
  if (state.route.stage === 'failed') {
    const next = nextRoute(state.route.route);
    if (next) return moveToRoute(state, next, 'failed', state.route.failureReason, now);
    leaveRoute(state, 'failed', state.route.failureReason, now);
    state.status = 'closed';
    state.outcome = 'litigation';
    state.order = 'closed';
    stopAllClocks(state, now);
    return [{ type: 'referred_to_litigation', actor: 'system', reason: state.route.failureReason, detail: { lastRoute: state.route.route } }];
  }
  return [];
}

/**
 * The case moves to another route and is handed over to that route's owners (the mediation committee, a
 * court-annexed mediator, the joint departments): it waits for dispatch again under its own clock, and whoever
 * held it is told.
 */
export function moveToRoute(state: CaseState, route: RouteName, outcome: 'failed' | 'moved', reason: string | undefined, now: string): CaseEventDraft[] {
  const from = state.route.route;
  const previous = state.assignee;
  leaveRoute(state, outcome, reason, now);
  state.route = newRoute(state.caseId, route, state.route.index + 1, now);
  delete state.assignee;
  state.order = 'awaiting_dispatch';
  (['accept', 'followUp'] as const).forEach((name) => stopCaseClock(state, name, now));
  startCaseClock(state, 'resolve', now);
  startCaseClock(state, 'dispatch', now);
  return [
    { type: 'route_transferred', actor: 'system', reason, detail: { from, to: route } },
    {
      type: 'handed_over',
      actor: 'system',
      detail: { to: route, previousAssignee: previous?.id },
      ...(previous ? { notify: 'assignee', notifyUserId: previous.id } : { notify: 'station' }),
    },
  ];
}

/** The case leaves without a mediation: its clocks stop and its route ends where it stood. */
export function exitCase(state: CaseState, update: Extract<StepUpdate, { step: 'exit' }>, now: string): CaseEventDraft[] {
  state.status = 'closed';
  state.outcome = update.payload.kind;
  state.order = 'closed';
  delete state.paused;
  leaveRoute(state, 'moved', update.payload.reason, now);
  endRoute(state.route);
  stopAllClocks(state, now);
  return [];
}

export function closeCase(state: CaseState, now: string) {
  state.status = 'closed';
  state.order = 'closed';
  stopAllClocks(state, now);
}

/** A settled case opened again: a new run on the same route, its own return visits later, no pause left over. */
export function reopenCase(state: CaseState, cause: 'repeat' | 'unsatisfied_visit', now: string): CaseEventDraft[] {
  state.status = 'open';
  state.returnVisits = [];
  if (state.paused) {
    delete state.paused;
    Object.values(state.clocks).forEach((clock) => resumeClock(clock, now, state.policy.warnAtShare));
  }
  state.order = state.assignee ? 'dispatched' : 'awaiting_dispatch';
  delete state.outcome;
  stopCaseClock(state, 'returnVisit', now);
  state.route = newRoute(state.caseId, state.route.route, state.route.index + 1, now);
  startCaseClock(state, 'resolve', now);
  startCaseClock(state, state.assignee ? 'accept' : 'dispatch', now);
  return [{ type: 'reopened', actor: 'system', detail: { route: state.route.route, cause } }];
}
