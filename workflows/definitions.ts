import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BatchState, InstructionFeedbackSignal } from '../schemas/batch-workflow';
import type { CaseReport } from '../schemas/case-event';
import type { CaseState, RepeatReportInput, RouteState } from '../schemas/case-state';
import type { SlaPolicy } from '../schemas/policy';
import type { StepUpdate } from '../schemas/steps';
import type { Department } from '../schemas/vocabulary';
import {
  batchStateQueryName,
  departmentOverdueSignalName,
  instructionFeedbackSignalName,
  departmentReportedSignalName,
  policyChangedSignalName,
  repeatReportSignalName,
  routeStepSignalName,
  stateQueryName,
  stepUpdateName,
} from '../schemas/workflow-names';

export * from '../schemas/workflow-names';

export const stateQuery = defineQuery<CaseState>(stateQueryName);
/**
 * What a taken step answers: the reports it drafted, with their sequence numbers, for the edge to record in the same
 * request (the activity delivers the same ones too, as the backstop). A run from before this answered with its state
 * once the reports had been delivered. The reports travel as one JSON text: the HTTP API's payload shorthand turns
 * every empty array of a JSON answer into null, which the reports' schema rightly refuses.
 */
export type StepAnswer = { reportsJson: string } | CaseState;
export const answeredReports = (answer: StepAnswer): CaseReport[] => ('reportsJson' in answer ? (JSON.parse(answer.reportsJson) as CaseReport[]) : []);
/** A mediator's or supervisor's step; its validator refuses a step not allowed now, so it never enters history. */
export const stepUpdate = defineUpdate<StepAnswer, [StepUpdate]>(stepUpdateName);
export const policyChangedSignal = defineSignal<[SlaPolicy]>(policyChangedSignalName);
export const repeatReportSignal = defineSignal<[RepeatReportInput]>(repeatReportSignalName);
export const departmentOverdueSignal = defineSignal<[Department]>(departmentOverdueSignalName);
/**
 * The case workflow hands a route step to the route's own workflow, with the case's route as the step left it. A run
 * from before sent the step alone, and the route's workflow applied it to a copy of its own.
 */
export const routeStepSignal = defineSignal<[StepUpdate, RouteState?]>(routeStepSignalName);
/** A department answered: done or refused (no payload), or it needs `moreTimeMs` more. */
export interface DepartmentAnswer {
  moreTimeMs?: number;
}
export const departmentReportedSignal = defineSignal<[DepartmentAnswer?]>(departmentReportedSignalName);

/** A batch's clocks and report count, for tests and operators. */
export const batchStateQuery = defineQuery<BatchState>(batchStateQueryName);
/** An assignee's feedback as the edge recorded it: stops that line's clock. */
export const instructionFeedbackSignal = defineSignal<[InstructionFeedbackSignal]>(instructionFeedbackSignalName);
