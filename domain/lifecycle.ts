import type { CaseState } from '../schemas/case-state';
import { refusal, type Refusal } from '../schemas/refusal';
import type { StepName, StepUpdate } from '../schemas/steps';
import type { CaseWorkflowInput } from '../schemas/workflow-input';
import type { CaseEventDraft } from './case-event';
import { afterRouteChange, closeCase, exitCase, moveToRoute } from './case-endings';
import { startCaseClock, stopCaseClock } from './clocks/case-clocks';
import { extendClock, isRunning, pauseClock, resumeClock } from './clocks/clock';
import { toInstant } from './clocks/local-time';
import { settleEscalation } from './escalation';
import { isAccepted, refuseActor, supervises, type CaseHolder } from './permissions';
import { durationToMs } from './policy';
import { recordReturnVisit, refuseReturnVisit } from './return-visits';
import { refuseSessionTime } from './session-times';
import { applyRouteStep, isRouteStep, isTerminal, nameDepartments, newRoute, refuseRouteStep, type RouteStep } from './routes';
import type { Triage } from './triage';

/**
 * The case's life as pure functions over its state: which step is allowed now, what a step changes, what a
 * clock's warning or breach sets off. The workflow calls them and reports what they return; tests call them
 * directly. Every function takes `now` so nothing here reads a clock of its own.
 */
export type CaseStart = Pick<CaseWorkflowInput, 'caseId' | 'caseNumber' | 'channel' | 'jurisdictionCode' | 'filedAt'> & {
  policy: CaseState['policy'];
  riskFlags: CaseState['riskFlags'];
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
    riskFlags: [...start.riskFlags],
    suggestedFlags: triage.suggestedFlags,
    order: 'awaiting_dispatch',
    escalationLevel: 0,
    escalations: [],
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
  // A hard case is an order: somebody must dispatch it, and a clock watches that they do.
  if (state.hardCase) startCaseClock(state, 'dispatch', start.filedAt);
  return state;
}

/** What a new case's timeline opens with: its route and hardness, and any risk read in the report's words. */
export function openingEvents(state: CaseState, triage: Triage): CaseEventDraft[] {
  const events: CaseEventDraft[] = [
    { type: 'triaged', actor: 'system', detail: { route: state.route.route, hardCase: state.hardCase, reasons: state.triageReasons } },
  ];
  if (triage.suggestedFlags.length) {
    events.push({ type: 'flags_suggested', actor: 'system', detail: { flags: triage.suggestedFlags, words: triage.suggestedBy }, notify: 'station' });
  }
  return events;
}

const reasonOf = (update: StepUpdate): string | undefined => {
  const payload = update.payload as Record<string, unknown>;
  for (const key of ['reason', 'note', 'report', 'summary', 'terms']) if (typeof payload[key] === 'string') return payload[key] as string;
  return undefined;
};

/** A session's time as the instant it names: a form sends the county's local time, the timeline keeps the instant. */
const detailOf = (update: StepUpdate, utcOffset: string) =>
  update.step === 'schedule-session' ? { ...update.payload, at: toInstant(update.payload.at, utcOffset) } : { ...update.payload };

/** The timeline's record of a step: its payload, under the step's own event type. */
const stepEvent = (update: StepUpdate, utcOffset: string): CaseEventDraft =>
  ({ type: `step:${update.step}` as `step:${StepName}`, actor: update.actor.id, reason: reasonOf(update), detail: detailOf(update, utcOffset) }) as CaseEventDraft;

/** Steps a paused case still takes: the supervisor's, and the ones that end the pause or the case. */
const stepsWhilePaused: readonly StepName[] = ['resume', 'assign', 'override-triage', 'acknowledge-escalation', 'decide-extension', 'close', 'exit', 'review-flags'];

/** The work of mediating: for a hard case, only once it is dispatched and its mediator has accepted it. */
const isMediationStep = (update: StepUpdate) => isRouteStep(update) || update.step === 'request-transfer';

/** Who holds the case, as the permission table asks: the edge reads the same from D1's columns. */
export const holderOf = (state: CaseState): CaseHolder => ({
  assigneeId: state.assignee?.id,
  assigneeName: state.assignee?.name,
  accepted: isAccepted(state.order),
});

/** Why a step cannot be taken now (the 409's reason), or undefined when it can. */
export function refuseStep(state: CaseState, update: StepUpdate, now: string): Refusal | undefined {
  const { step, actor } = update;
  if (state.status === 'closed') return refusal('closed');
  const reportingFor = update.step === 'record-department-report' ? update.payload.department : undefined;
  const notTheirs = refuseActor(actor, step, holderOf(state), reportingFor);
  if (notTheirs) return notTheirs;
  if (state.paused && !stepsWhilePaused.includes(step)) return refusal('paused', { reason: state.paused.reason });
  const needsOpen = () => (state.status === 'open' ? undefined : refusal('notOpen', { status: state.status }));

  // A mediator's own steps already wait for their acceptance (refuseActor); a department's report on a hard case waits here.
  if (state.hardCase && state.order !== 'accepted' && isMediationStep(update) && needsOpen() === undefined) {
    return state.assignee ? refusal('hardNotAcceptedBy', { name: state.assignee.name }) : refusal('hardNotDispatched');
  }
  if (isRouteStep(update)) {
    const routeRefusal = needsOpen() ?? refuseRouteStep(state.route, update);
    if (routeRefusal || update.step !== 'schedule-session') return routeRefusal;
    return refuseSessionTime(update.payload.at, state.policy.utcOffset, now);
  }
  switch (update.step) {
    case 'assign':
      if (update.payload.departments && state.route.route !== 'joint') return refusal('departmentsOnJoint');
      // Without a department a joint route has nobody to work it, and no department ever gets its task.
      if (state.route.route === 'joint' && !update.payload.departments?.length && !Object.keys(state.route.departments).length) {
        return refusal('departmentsToDispatch');
      }
      if (update.payload.lead && !update.payload.departments?.includes(update.payload.lead) && !state.route.departments[update.payload.lead]) {
        return refusal('leadNamed');
      }
      return needsOpen();
    case 'accept':
      if (state.order === 'accepted') return refusal('alreadyAccepted');
      return needsOpen();
    case 'record-contact':
      return state.contactedAt ? refusal('contactRecorded') : needsOpen();
    case 'request-transfer':
      return needsOpen() ?? (isTerminal(state.route) ? refusal('routeFinished', { route: state.route.route, stage: state.route.stage }) : undefined);
    case 'pause':
      return state.paused ? refusal('alreadyPaused') : needsOpen();
    case 'resume':
      return state.paused ? undefined : refusal('notPaused');
    case 'request-extension':
      return state.pendingExtension ? refusal('extensionWaiting') : needsOpen();
    case 'decide-extension':
      return state.pendingExtension ? undefined : refusal('noExtension');
    case 'submit-follow-up':
      if (!state.hardCase) return refusal('followUpHardOnly');
      if (state.order !== 'accepted') return refusal('followUpAfterAccept');
      return needsOpen();
    case 'acknowledge-escalation': {
      const ack = state.clocks.escalationAck;
      return ack && isRunning(ack) ? undefined : refusal('noEscalation');
    }
    case 'override-triage': {
      const sameRoute = update.payload.route === undefined || update.payload.route === state.route.route;
      const sameHardness = update.payload.hardCase === undefined || update.payload.hardCase === state.hardCase;
      if (sameRoute && sameHardness) return refusal('changesNothing');
      return needsOpen();
    }
    case 'record-return-visit':
      return refuseReturnVisit(state, now);
    case 'exit':
      if (update.payload.kind === 'duplicate' && update.payload.duplicateOf === state.caseNumber) return refusal('selfDuplicate');
      return needsOpen();
    case 'review-flags': {
      const unknown = update.payload.dismiss.filter((flag) => !state.suggestedFlags.includes(flag));
      return unknown.length ? refusal('dismissUnsuggested', { flags: unknown }) : undefined;
    }
    case 'close': {
      if (state.status !== 'resolved') return refusal('closeResolvedOnly');
      const due = state.policy.returnVisitsAfter.length;
      const done = state.returnVisits.length;
      if (done >= due) return undefined;
      // Only the command room closes before the visits are done, and it says why: the reason is the timeline's.
      if (!supervises(actor.role)) return refusal('visitsDue', { done, due });
      return update.payload.reason ? undefined : refusal('closeEarlyReason', { done, due });
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
  if (update.step === 'exit') return update;
  return undefined;
}

/** Applies an allowed step; returns what goes on the timeline. */
export function applyStep(state: CaseState, update: StepUpdate, now: string): CaseEventDraft[] {
  const events: CaseEventDraft[] = [stepEvent(update, state.policy.utcOffset)];
  const absent = update.actor.onBehalfOf;
  if (absent) events.push({ type: 'on_behalf_of', actor: update.actor.id, detail: { step: update.step, mediatorId: absent.id, mediatorName: absent.name } });
  // The mediator hears that the leaders have taken it up; the county is not called.
  if (update.step === 'acknowledge-escalation') events[0]!.notify = 'assignee';
  if (isRouteStep(update)) {
    applyRouteStep(state.route, update);
    return [...events, ...afterRouteChange(state, now), ...settleEscalation(state)];
  }
  events.push(...applyCaseStep(state, update, now));
  return [...events, ...settleEscalation(state)];
}

/** What a step other than a route step changes; the step's own timeline entry is written by `applyStep`. */
function applyCaseStep(state: CaseState, update: Exclude<StepUpdate, RouteStep>, now: string): CaseEventDraft[] {
  switch (update.step) {
    case 'assign':
      state.assignee = { id: update.payload.mediatorId, name: update.payload.mediatorName ?? update.payload.mediatorId };
      if (update.payload.departments) nameDepartments(state.route, update.payload.departments, update.payload.lead);
      state.order = 'dispatched';
      stopCaseClock(state, 'dispatch', now);
      if (state.hardCase) startCaseClock(state, 'accept', now);
      return [];
    case 'accept':
      state.assignee ??= { id: update.actor.id, name: update.actor.name };
      state.order = 'accepted';
      stopCaseClock(state, 'dispatch', now);
      stopCaseClock(state, 'accept', now);
      if (state.hardCase) startCaseClock(state, 'followUp', now);
      return [];
    case 'record-contact':
      state.contactedAt = now;
      stopCaseClock(state, 'firstContact', now);
      return [];
    case 'request-transfer':
      applyRouteStep(state.route, routeMessageFor(update, state) as RouteStep);
      return afterRouteChange(state, now);
    case 'pause':
      state.paused = { since: now, reason: update.payload.reason };
      Object.values(state.clocks).forEach((clock) => pauseClock(clock, now));
      return [];
    case 'resume':
      delete state.paused;
      Object.values(state.clocks).forEach((clock) => resumeClock(clock, now, state.policy.warnAtShare));
      return [];
    case 'request-extension':
      state.pendingExtension = { duration: update.payload.duration, reason: update.payload.reason, requestedBy: update.actor.id };
      return [{ type: 'extension_requested', actor: update.actor.id, reason: update.payload.reason, detail: { duration: update.payload.duration }, notify: 'station' }];
    case 'decide-extension': {
      const requested = state.pendingExtension!;
      delete state.pendingExtension;
      const resolve = state.clocks.resolve;
      if (update.payload.approve && resolve) extendClock(resolve, durationToMs(requested.duration), state.policy.warnAtShare);
      return [];
    }
    case 'submit-follow-up':
      startCaseClock(state, 'followUp', now);
      return [];
    case 'acknowledge-escalation':
      stopCaseClock(state, 'escalationAck', now);
      return [];
    case 'override-triage':
      if (update.payload.hardCase !== undefined) {
        state.hardCase = update.payload.hardCase;
        if (state.hardCase && state.order === 'accepted') startCaseClock(state, 'followUp', now);
        if (state.hardCase && state.order === 'awaiting_dispatch') startCaseClock(state, 'dispatch', now);
        if (!state.hardCase) (['accept', 'followUp'] as const).forEach((name) => stopCaseClock(state, name, now));
      }
      if (update.payload.route && update.payload.route !== state.route.route) {
        // The route left ends as failed, saying where the case went: the route's workflow is handed it as it ends.
        applyRouteStep(state.route, routeMessageFor(update, state) as RouteStep);
        return moveToRoute(state, update.payload.route, 'moved', update.payload.reason, now);
      }
      return [];
    case 'review-flags': {
      const { confirm, dismiss } = update.payload;
      state.suggestedFlags = state.suggestedFlags.filter((flag) => !confirm.includes(flag) && !dismiss.includes(flag));
      for (const flag of confirm) if (!state.riskFlags.includes(flag)) state.riskFlags.push(flag);
      if (!confirm.length || state.hardCase) return [];
      // A confirmed risk makes the case hard at once, as a ticked box at intake would have.
      state.hardCase = true;
      if (state.order === 'awaiting_dispatch' && state.status === 'open') startCaseClock(state, 'dispatch', now);
      if (state.order === 'accepted') startCaseClock(state, 'followUp', now);
      return [{ type: 'hard_case', actor: update.actor.id, reason: `risk confirmed: ${confirm.join(', ')}`, detail: {} }];
    }
    case 'record-return-visit':
      return recordReturnVisit(state, update.payload, now);
    case 'exit':
      return exitCase(state, update, now);
    case 'close':
      closeCase(state, now);
      return [];
  }
}
