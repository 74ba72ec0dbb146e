import type { CaseState } from '../schemas/case-state';
import type { StepName, StepUpdate } from '../schemas/steps';
import type { CaseWorkflowInput } from '../schemas/workflow-input';
import type { RouteName } from '../schemas/vocabulary';
import type { CaseEventDraft } from './case-event';
import { startCaseClock, stopAllClocks, stopCaseClock } from './clocks/case-clocks';
import { extendClock, isRunning, pauseClock, resumeClock } from './clocks/clock';
import { refuseActor, supervises } from './permissions';
import { durationToMs } from './policy';
import { applyRouteStep, isRouteStep, isTerminal, nameDepartments, newRoute, nextRoute, refuseRouteStep, type RouteStep } from './routes';
import type { Triage } from './triage';

/**
 * The case's life as pure functions over its state: which step is allowed now, what a step changes, what a
 * clock's warning or breach sets off. The workflow calls them and reports what they return; tests call them
 * directly. Every function takes `now` so nothing here reads a clock of its own.
 */
export type CaseStart = Pick<CaseWorkflowInput, 'caseId' | 'caseNumber' | 'channel' | 'jurisdictionCode' | 'filedAt'> & {
  policy: CaseState['policy'];
};

export function initialState(start: CaseStart, triage: Triage): CaseState {
  const state: CaseState = {
    caseId: start.caseId,
    caseNumber: start.caseNumber,
    channel: start.channel,
    jurisdictionCode: start.jurisdictionCode,
    status: 'open',
    hardCase: triage.hardCase,
    triageReasons: triage.reasons,
    order: 'awaiting_dispatch',
    escalationLevel: 0,
    route: newRoute(start.caseId, triage.route, 0, start.filedAt),
    routeHistory: [],
    returnVisits: [],
    repeatReports: [],
    clocks: {},
    policy: start.policy,
    seq: 0,
  };
  startCaseClock(state, 'firstContact', start.filedAt);
  startCaseClock(state, 'resolve', start.filedAt);
  return state;
}

const reasonOf = (update: StepUpdate): string | undefined => {
  const payload = update.payload as Record<string, unknown>;
  for (const key of ['reason', 'note', 'report', 'summary', 'terms']) if (typeof payload[key] === 'string') return payload[key] as string;
  return undefined;
};

/** The timeline's record of a step: its payload, under the step's own event type. */
const stepEvent = (update: StepUpdate): CaseEventDraft =>
  ({ type: `step:${update.step}` as `step:${StepName}`, actor: update.actor.id, reason: reasonOf(update), detail: { ...update.payload } }) as CaseEventDraft;

/** Steps a paused case still takes: the supervisor's, and the ones that end the pause or the case. */
const stepsWhilePaused: readonly StepName[] = ['resume', 'assign', 'override-triage', 'acknowledge-escalation', 'decide-extension', 'close'];

/** Why a step cannot be taken now (the 409's reason), or undefined when it can. */
export function refuseStep(state: CaseState, update: StepUpdate): string | undefined {
  const { step, actor } = update;
  if (state.status === 'closed') return 'the case is closed';
  const notTheirs = refuseActor(actor, step, { assigneeId: state.assignee?.id, assigneeName: state.assignee?.name });
  if (notTheirs) return notTheirs;
  if (state.paused && !stepsWhilePaused.includes(step)) return `the case is paused (${state.paused.reason}): resume it first`;
  const needsOpen = () => (state.status === 'open' ? undefined : `the case is ${state.status}`);

  if (isRouteStep(update)) return needsOpen() ?? refuseRouteStep(state.route, update);
  switch (update.step) {
    case 'assign':
      if (update.payload.departments && state.route.route !== 'joint') return 'departments are named only on the joint route';
      if (update.payload.lead && !update.payload.departments?.includes(update.payload.lead) && !state.route.departments[update.payload.lead]) {
        return 'the lead department must be one of the departments named';
      }
      return needsOpen();
    case 'accept':
      if (state.order === 'accepted') return 'the case is already accepted';
      if (state.hardCase && !state.assignee) return 'a hard case is dispatched by a supervisor before a mediator accepts it';
      return needsOpen();
    case 'record-contact':
      return state.contactedAt ? 'first contact is already recorded' : needsOpen();
    case 'request-transfer':
      return needsOpen() ?? (isTerminal(state.route) ? `the ${state.route.route} route is already ${state.route.stage}` : undefined);
    case 'pause':
      return state.paused ? 'the case is already paused' : needsOpen();
    case 'resume':
      return state.paused ? undefined : 'the case is not paused';
    case 'request-extension':
      return state.pendingExtension ? 'an extension is already waiting for a supervisor' : needsOpen();
    case 'decide-extension':
      return state.pendingExtension ? undefined : 'no extension has been requested';
    case 'submit-follow-up':
      if (!state.hardCase) return 'follow-up reports are kept for hard cases';
      if (state.order !== 'accepted') return 'a follow-up report comes after the mediator accepted the case';
      return needsOpen();
    case 'acknowledge-escalation': {
      const ack = state.clocks.escalationAck;
      return ack && isRunning(ack) ? undefined : 'no escalation is waiting for acknowledgement';
    }
    case 'override-triage': {
      const sameRoute = update.payload.route === undefined || update.payload.route === state.route.route;
      const sameHardness = update.payload.hardCase === undefined || update.payload.hardCase === state.hardCase;
      if (sameRoute && sameHardness) return 'that would change nothing';
      return needsOpen();
    }
    case 'record-return-visit':
      if (state.status !== 'resolved') return 'return visits come after the case is resolved';
      return state.returnVisits.length >= state.policy.returnVisitsAfter.length ? 'every return visit is already recorded' : undefined;
    case 'close': {
      if (state.status !== 'resolved') return 'only a resolved case can be closed';
      const due = state.policy.returnVisitsAfter.length;
      if (state.returnVisits.length < due && !supervises(actor.role)) {
        return `return visits are still due: ${state.returnVisits.length} of ${due} recorded`;
      }
      return undefined;
    }
  }
}

/**
 * What the route's own workflow must hear of a step, if anything. The case's mirror of the route applies the
 * same, so the two never disagree.
 */
export function routeMessageFor(update: StepUpdate, state: CaseState): StepUpdate | undefined {
  if (isRouteStep(update)) return update;
  if (update.step === 'request-transfer') return { ...update, step: 'record-failure', payload: { reason: update.payload.reason } };
  if (update.step === 'override-triage' && update.payload.route && update.payload.route !== state.route.route) {
    return { ...update, step: 'record-failure', payload: { reason: `moved to the ${update.payload.route} route: ${update.payload.reason}` } };
  }
  if (update.step === 'assign' && update.payload.departments) return update;
  return undefined;
}

/** Applies an allowed step; returns what goes on the timeline. */
export function applyStep(state: CaseState, update: StepUpdate, now: string): CaseEventDraft[] {
  const events: CaseEventDraft[] = [stepEvent(update)];
  if (isRouteStep(update)) {
    applyRouteStep(state.route, update);
    return [...events, ...afterRouteChange(state, now)];
  }
  switch (update.step) {
    case 'assign':
      state.assignee = { id: update.payload.mediatorId, name: update.payload.mediatorName ?? update.payload.mediatorId };
      if (update.payload.departments) nameDepartments(state.route, update.payload.departments, update.payload.lead);
      state.order = 'dispatched';
      if (state.hardCase) startCaseClock(state, 'accept', now);
      break;
    case 'accept':
      state.assignee ??= { id: update.actor.id, name: update.actor.name };
      state.order = 'accepted';
      stopCaseClock(state, 'accept', now);
      if (state.hardCase) startCaseClock(state, 'followUp', now);
      break;
    case 'record-contact':
      state.contactedAt = now;
      stopCaseClock(state, 'firstContact', now);
      break;
    case 'request-transfer':
      applyRouteStep(state.route, routeMessageFor(update, state) as RouteStep);
      return [...events, ...afterRouteChange(state, now)];
    case 'pause':
      state.paused = { since: now, reason: update.payload.reason };
      Object.values(state.clocks).forEach((clock) => pauseClock(clock, now));
      break;
    case 'resume':
      delete state.paused;
      Object.values(state.clocks).forEach((clock) => resumeClock(clock, now, state.policy.warnAtShare));
      break;
    case 'request-extension':
      state.pendingExtension = { duration: update.payload.duration, reason: update.payload.reason, requestedBy: update.actor.id };
      events.push({ type: 'extension_requested', actor: update.actor.id, reason: update.payload.reason, detail: { duration: update.payload.duration }, notify: 'station' });
      break;
    case 'decide-extension': {
      const requested = state.pendingExtension!;
      delete state.pendingExtension;
      const resolve = state.clocks.resolve;
      if (update.payload.approve && resolve) extendClock(resolve, durationToMs(requested.duration), state.policy.warnAtShare);
      break;
    }
    case 'submit-follow-up':
      startCaseClock(state, 'followUp', now);
      break;
    case 'acknowledge-escalation':
      stopCaseClock(state, 'escalationAck', now);
      // The mediator hears that the leaders have taken it up; the county is not called.
      events[0]!.notify = 'assignee';
      break;
    case 'override-triage':
      if (update.payload.hardCase !== undefined) {
        state.hardCase = update.payload.hardCase;
        if (state.hardCase && state.order === 'accepted') startCaseClock(state, 'followUp', now);
        if (!state.hardCase) (['accept', 'followUp'] as const).forEach((name) => stopCaseClock(state, name, now));
      }
      if (update.payload.route && update.payload.route !== state.route.route) {
        return [...events, ...moveToRoute(state, update.payload.route, 'moved', update.payload.reason, now)];
      }
      break;
    case 'record-return-visit':
      state.returnVisits.push({ at: now, satisfied: update.payload.satisfied, note: update.payload.note });
      stopCaseClock(state, 'returnVisit', now);
      if (state.returnVisits.length < state.policy.returnVisitsAfter.length) startCaseClock(state, 'returnVisit', now);
      break;
    case 'close':
      state.status = 'closed';
      state.order = 'closed';
      stopAllClocks(state, now);
      break;
  }
  return events;
}

/** A route that resolved closes the work and starts the return visits; one that failed moves the case on. */
function afterRouteChange(state: CaseState, now: string): CaseEventDraft[] {
  if (state.route.stage === 'resolved') {
    state.status = 'resolved';
    state.outcome = 'agreement';
    state.order = 'resolved';
    state.routeHistory.push({ route: state.route.route, outcome: 'resolved', at: now });
    (['firstContact', 'accept', 'followUp', 'resolve', 'escalationAck'] as const).forEach((name) => stopCaseClock(state, name, now));
    startCaseClock(state, 'returnVisit', now);
    return [{ type: 'resolved', actor: 'system', detail: { route: state.route.route } }];
  }
  if (state.route.stage === 'failed') {
    const next = nextRoute(state.route.route);
    if (!next) {
      state.routeHistory.push({ route: state.route.route, outcome: 'failed', reason: state.route.failureReason, at: now });
      state.status = 'closed';
      state.outcome = 'litigation';
      state.order = 'closed';
      stopAllClocks(state, now);
      return [{ type: 'referred_to_litigation', actor: 'system', reason: state.route.failureReason, detail: { lastRoute: state.route.route } }];
    }
    return moveToRoute(state, next, 'failed', state.route.failureReason, now);
  }
  return [];
}

function moveToRoute(state: CaseState, route: RouteName, outcome: 'failed' | 'moved', reason: string | undefined, now: string): CaseEventDraft[] {
  const from = state.route.route;
  state.routeHistory.push({ route: from, outcome, reason, at: now });
  state.route = newRoute(state.caseId, route, state.route.index + 1, now);
  startCaseClock(state, 'resolve', now);
  return [{ type: 'route_transferred', actor: 'system', reason, detail: { from, to: route } }];
}

