import { condition, getExternalWorkflowHandle, setHandler, startChild } from '@temporalio/workflow';
import { durationToMs } from '../../domain/policy';
import { applyRouteStep, endRoute, isRouteStep, isTerminal, nameDepartments, refuseRouteStep, type RouteState } from '../../domain/routes';
import type { StepUpdate } from '../../schemas/steps';
import type { Department } from '../../schemas/vocabulary';
import { departmentOverdueSignal, departmentReportedSignal, departmentWorkflowId, routeStepSignal, type DepartmentAnswer } from '../definitions';

export interface RouteInput {
  caseWorkflowId: string;
  route: RouteState;
  departmentReportWithin: string;
}

/**
 * One resolution route of a case (grassroots, judicial or joint), from the moment the case moves onto it until it
 * resolves, fails, or the case leaves by an exit. A joint route runs each department as a child with its own
 * report deadline.
 */
export async function resolutionRoute(input: RouteInput): Promise<RouteState> {
  const state = input.route;
  const answers: { department: Department; answer: DepartmentAnswer }[] = [];

  // Only the case workflow sends these, after its own validator took the step: they are not read again.
  setHandler(routeStepSignal, (update: StepUpdate) => {
    if (update.step === 'assign' && update.payload.departments) {
      nameDepartments(state, update.payload.departments, update.payload.lead);
      return;
    }
    if (update.step === 'exit') {
      endRoute(state);
      return;
    }
    // The case workflow checked the step against the same rules; a refusal here means it arrived twice.
    if (!isRouteStep(update) || refuseRouteStep(state, update)) return;
    applyRouteStep(state, update);
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
        args: [{ caseWorkflowId: input.caseWorkflowId, department, reportWithinMs: durationToMs(input.departmentReportWithin) }],
      });
    }
    for (const { department, answer } of answers.splice(0)) {
      await getExternalWorkflowHandle(departmentWorkflowId(state.workflowId, department)).signal(departmentReportedSignal, answer);
    }
  }
  // Department tasks still waiting end with the route (their parent close policy terminates them).
  return state;
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
      dueAt = Math.max(dueAt, Date.now()) + answer.moreTimeMs;
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
