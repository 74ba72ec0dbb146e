/**
 * The names the edge's gateway, the workflows and the tests share. Free of SDK imports, so the edge can bundle
 * it for workerd; `workflows/definitions.ts` turns them into Temporal's typed definitions.
 */
export const caseWorkflowType = 'disputeCase';
export const defaultTaskQueue = 'fengqiao-cases';
export const stateQueryName = 'state';
export const stepUpdateName = 'step';
export const policyChangedSignalName = 'policyChanged';
export const repeatReportSignalName = 'repeatReport';
export const departmentOverdueSignalName = 'departmentOverdue';
export const routeStepSignalName = 'routeStep';
export const departmentReportedSignalName = 'departmentReported';

/** A case's route runs under its own workflow ID, one per route the case has been on. */
export const routeWorkflowId = (caseId: string, index: number, route: string) => `${caseId}/route-${index + 1}-${route}`;
/** Each department of a joint route reports back under its own workflow. */
export const departmentWorkflowId = (routeWorkflowId: string, department: string) => `${routeWorkflowId}/${department}`;

/** One `batchDispatch` execution per batch of verification instructions, whatever its size. */
export const batchWorkflowType = 'batchDispatch';
/**
 * `batch:<id>`, not `batch/<id>`: the edge addresses workflows in the path of Temporal's HTTP API, which answers 404
 * to a workflow ID holding a slash, encoded or not (tried on the dev server). Case IDs are UUIDs, so none collides.
 */
export const batchWorkflowId = (batchId: string) => `batch:${batchId}`;
export const instructionFeedbackSignalName = 'instructionFeedback';
export const batchStateQueryName = 'batchState';
