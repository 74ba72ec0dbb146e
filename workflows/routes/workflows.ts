import { condition, getExternalWorkflowHandle, setHandler, startChild } from '@temporalio/workflow';
import { durationToMs } from '../../domain/policy';
import { applyRouteStep, isRouteStep, isTerminal, nameDepartments, refuseRouteStep, type RouteState } from '../../domain/routes';
import type { StepUpdate } from '../../schemas/steps';
import type { Department } from '../../schemas/vocabulary';
import { departmentOverdueSignal, departmentReportedSignal, departmentWorkflowId, routeStepSignal } from '../definitions';

export interface RouteInput {
  caseWorkflowId: string;
  route: RouteState;
  departmentReportWithin: string;
}

/**
 * One resolution route of a case (grassroots, judicial or joint), from the moment the case moves onto it until it
 * resolves or fails. A joint route runs each department as a child with its own report deadline.
 */
export async function resolutionRoute(input: RouteInput): Promise<RouteState> {
  const state = input.route;
  const reportedDepartments: Department[] = [];

  // Only the case workflow sends these, after its own validator took the step: they are not read again.
  setHandler(routeStepSignal, (update: StepUpdate) => {
    if (update.step === 'assign' && update.payload.departments) {
      nameDepartments(state, update.payload.departments, update.payload.lead);
      return;
    }
    // The case workflow checked the step against the same rules; a refusal here means it arrived twice.
    if (!isRouteStep(update) || refuseRouteStep(state, update)) return;
    applyRouteStep(state, update);
    if (update.step === 'record-department-report') reportedDepartments.push(update.payload.department);
  });

  const started = new Set<Department>();
  const unstarted = () => (Object.keys(state.departments) as Department[]).filter((d) => !started.has(d));
  while (!isTerminal(state)) {
    await condition(() => isTerminal(state) || unstarted().length > 0 || reportedDepartments.length > 0);
    for (const department of unstarted()) {
      started.add(department);
      await startChild(departmentTask, {
        workflowId: departmentWorkflowId(state.workflowId, department),
        args: [{ caseWorkflowId: input.caseWorkflowId, department, reportWithinMs: durationToMs(input.departmentReportWithin) }],
      });
    }
    for (const department of reportedDepartments.splice(0)) {
      await getExternalWorkflowHandle(departmentWorkflowId(state.workflowId, department)).signal(departmentReportedSignal);
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

/** One department's part in a joint route: report back by its own deadline, or the case hears it is overdue. */
export async function departmentTask(input: DepartmentInput): Promise<void> {
  let reported = false;
  setHandler(departmentReportedSignal, () => void (reported = true));
  if (await condition(() => reported, input.reportWithinMs)) return;
  await getExternalWorkflowHandle(input.caseWorkflowId).signal(departmentOverdueSignal, input.department);
  await condition(() => reported);
}
