import { condition, getExternalWorkflowHandle, setHandler, startChild } from '@temporalio/workflow';
import { spanMs, type Timing } from '../../domain/calendar/spans';
import { deadlineAfterMoreTime } from '../../domain/department-deadlines';
import { durationToMs } from '../../domain/policy';
import { applyRouteStep, endRoute, isRouteStep, isTerminal, nameDepartments, refuseRouteStep, type RouteState } from '../../domain/routes';
import type { StepUpdate } from '../../schemas/steps';
import type { Department } from '../../schemas/vocabulary';
import { departmentOverdueSignal, departmentReportedSignal, departmentWorkflowId, routeStepSignal, type DepartmentAnswer } from '../definitions';

export interface RouteInput {
  caseWorkflowId: string;
  route: RouteState;
  departmentReportWithin: string;
  /** How the case's policy counts working days; a run from before spans in working days was handed none. */
  timing?: Timing;
}

/**
 * One resolution route of a case (grassroots, judicial or joint), from the moment the case moves onto it until it
 * resolves, fails, or the case leaves by an exit. A joint route runs each department as a child with its own
 * report deadline.
 */
export async function resolutionRoute(input: RouteInput): Promise<RouteState> {
  let state = input.route;
  const answers: { department: Department; answer: DepartmentAnswer }[] = [];

  // Only the case workflow sends these, after its own validator took the step: they are not read again.
  setHandler(routeStepSignal, (update: StepUpdate, caseRoute?: RouteState) => {
    // The case's route is the route, taken as it comes; a run from before sent the step alone.
    if (caseRoute) state = caseRoute;
    else if (!applyToOwnCopy(state, update)) return;
    if (update.step === 'record-department-report') {
      const { department, outcome, moreTime } = update.payload;
      answers.push({ department, answer: outcome === 'more_time' && moreTime ? { moreTimeMs: durationToMs(moreTime) } : {} });
    }
  });

  const started = new Set<Department>();
  const unstarted = () => (Object.keys(state.departments) as Department[]).filter((d) => !started.has(d));
  while (!isTerminal(state)) {
    await condition(() => isTerminal(state) || unstarted().length > 0 || answers.length > 0);
    for (const department of unstarted()) {
      started.add(department);
      await startChild(departmentTask, {
        workflowId: departmentWorkflowId(state.workflowId, department),
        args: [{ caseWorkflowId: input.caseWorkflowId, department, reportWithinMs: spanMs(input.timing ?? { utcOffset: '+08:00' }, input.departmentReportWithin, new Date()) }],
      });
    }
    for (const { department, answer } of answers.splice(0)) {
      await getExternalWorkflowHandle(departmentWorkflowId(state.workflowId, department)).signal(departmentReportedSignal, answer);
    }
  }
  // Department tasks still waiting end with the route (their parent close policy terminates them).
  return state;
}

/**
 * A run from before handed the route's workflow the step alone, to apply to a copy of the route it kept; false when
 * the step was one it had already taken.
 */
function applyToOwnCopy(state: RouteState, update: StepUpdate): boolean {
  if (update.step === 'assign' && update.payload.departments) {
    nameDepartments(state, update.payload.departments, update.payload.lead);
    return true;
  }
  if (update.step === 'exit') {
    endRoute(state);
    return true;
  }
  if (!isRouteStep(update) || refuseRouteStep(state, update)) return false;
  applyRouteStep(state, update);
  return true;
}

export interface DepartmentInput {
  caseWorkflowId: string;
  department: Department;
  reportWithinMs: number;
}

/**
 * One department's part in a joint route: report back by its own deadline, or the case hears it is late. A
 * department that asks for more time gets a new deadline, and may be late again.
 */
export async function departmentTask(input: DepartmentInput): Promise<void> {
  let answered = false;
  let dueAt = Date.now() + input.reportWithinMs;
  let lateSaid = false;
  let deadlineMoved = false;
  setHandler(departmentReportedSignal, (answer) => {
    if (answer?.moreTimeMs) {
      dueAt = deadlineAfterMoreTime(dueAt, Date.now(), answer.moreTimeMs);
      lateSaid = false;
      deadlineMoved = true;
    } else answered = true;
  });
  while (!answered) {
    deadlineMoved = false;
    const leftMs = dueAt - Date.now();
    if (leftMs > 0) {
      await condition(() => answered || deadlineMoved, leftMs);
      continue;
    }
    if (!lateSaid) {
      lateSaid = true;
      await getExternalWorkflowHandle(input.caseWorkflowId).signal(departmentOverdueSignal, input.department);
    }
    await condition(() => answered || deadlineMoved);
  }
}
