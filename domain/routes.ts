import { refusal, type Refusal } from '../schemas/refusal';
import type { RouteState } from '../schemas/case-state';
import type { StepUpdate } from '../schemas/steps';
import { routeWorkflowId } from '../schemas/workflow-names';
import { routes, type Department, type RouteName } from '../schemas/vocabulary';

/**
 * The three resolution routes as one small state machine, applied by the case workflow to the case's route, the only
 * copy: the route's own workflow is handed it as each step leaves it.
 */
export type { RouteState };

export const routeStepNames = [
  'schedule-session',
  'record-session',
  'record-agreement',
  'record-confirmation',
  'record-department-report',
  'record-failure',
] as const satisfies readonly StepUpdate['step'][];
export type RouteStep = Extract<StepUpdate, { step: (typeof routeStepNames)[number] }>;

export const isRouteStep = (update: StepUpdate): update is RouteStep => (routeStepNames as readonly string[]).includes(update.step);

export function newRoute(caseId: string, route: RouteName, index: number, at: string): RouteState {
  return {
    route,
    index,
    workflowId: routeWorkflowId(caseId, index, route),
    startedAt: at,
    stage: 'working',
    sessionsScheduled: 0,
    sessionsHeld: 0,
    departments: {},
  };
}

/** grassroots → judicial → joint → litigation (undefined). */
export function nextRoute(route: RouteName): RouteName | undefined {
  return routes[routes.indexOf(route) + 1];
}

export const isTerminal = (state: Pick<RouteState, 'stage'>) => state.stage === 'resolved' || state.stage === 'failed' || state.stage === 'ended';

/** The case left without a mediation (an exit): the route ends where it stood. */
export function endRoute(state: RouteState) {
  if (!isTerminal(state)) state.stage = 'ended';
}

/** A department has answered for its part: done, or refused with its reason. */
const answered = (status: RouteState['departments'][Department]) => status === 'reported' || status === 'refused';

/** Names the departments of a joint route; the lead must be one of them. */
export function nameDepartments(state: RouteState, departments: readonly Department[], lead: Department | undefined) {
  for (const department of departments) state.departments[department] ??= 'pending';
  state.lead = lead ?? state.lead ?? departments[0];
}

/** Why a route step cannot be taken now, or undefined when it can. */
export function refuseRouteStep(state: RouteState, update: RouteStep): Refusal | undefined {
  if (isTerminal(state)) return refusal('routeFinished', { route: state.route, stage: state.stage });
  const waitingForCourt = state.stage === 'confirmation_requested';
  switch (update.step) {
    case 'schedule-session':
      return waitingForCourt ? refusal('awaitingCourt') : undefined;
    case 'record-session':
      if (waitingForCourt) return refusal('awaitingCourt');
      return state.sessionsHeld >= state.sessionsScheduled ? refusal('noSession') : undefined;
    case 'record-agreement': {
      if (waitingForCourt) return refusal('agreementAwaitingCourt');
      if (update.payload.requestConfirmation && state.route !== 'judicial') return refusal('confirmJudicialOnly');
      if (state.route !== 'joint') return undefined;
      const named = Object.keys(state.departments);
      if (!named.length) return refusal('noDepartments');
      const waiting = named.filter((d) => !answered(state.departments[d as Department]));
      return waiting.length ? refusal('departmentsWaiting', { departments: waiting }) : undefined;
    }
    case 'record-confirmation':
      return waitingForCourt ? undefined : refusal('noConfirmationAsked');
    case 'record-department-report': {
      if (state.route !== 'joint') return refusal('reportsOnJoint');
      const status = state.departments[update.payload.department];
      if (!status) return refusal('departmentNotNamed', { department: update.payload.department });
      return answered(status) ? refusal('departmentReported', { department: update.payload.department }) : undefined;
    }
    case 'record-failure':
      return undefined;
  }
}

export function applyRouteStep(state: RouteState, update: RouteStep) {
  switch (update.step) {
    case 'schedule-session':
      state.sessionsScheduled += 1;
      break;
    case 'record-session':
      state.sessionsHeld += 1;
      break;
    case 'record-agreement':
      state.agreement = update.payload.terms;
      state.stage = update.payload.requestConfirmation ? 'confirmation_requested' : 'resolved';
      break;
    case 'record-confirmation': {
      const { confirmed, court, reason } = update.payload;
      state.confirmation = { confirmed, court };
      // A court that refuses confirmation fails the route like any other failure: the case moves on.
      if (confirmed) state.stage = 'resolved';
      else {
        state.stage = 'failed';
        state.failureReason = `${court} refused to confirm the agreement: ${reason ?? ''}`;
      }
      break;
    }
    case 'record-department-report': {
      const { department, outcome } = update.payload;
      state.departments[department] = outcome === 'done' ? 'reported' : outcome === 'refused' ? 'refused' : 'pending';
      break;
    }
    case 'record-failure':
      state.failureReason = update.payload.reason;
      state.stage = 'failed';
      break;
  }
}
