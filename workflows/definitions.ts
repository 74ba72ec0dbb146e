import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BatchState, InstructionFeedbackSignal } from '../schemas/batch-workflow';
import type { CaseState, RepeatReportInput } from '../schemas/case-state';
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
/** A mediator's or supervisor's step; its validator refuses a step not allowed now, so it never enters history. */
export const stepUpdate = defineUpdate<CaseState, [StepUpdate]>(stepUpdateName);
export const policyChangedSignal = defineSignal<[SlaPolicy]>(policyChangedSignalName);
export const repeatReportSignal = defineSignal<[RepeatReportInput]>(repeatReportSignalName);
export const departmentOverdueSignal = defineSignal<[Department]>(departmentOverdueSignalName);
/** The case workflow hands route steps to the route's own workflow. */
export const routeStepSignal = defineSignal<[StepUpdate]>(routeStepSignalName);
/** A department answered: done or refused (no payload), or it needs `moreTimeMs` more. */
export interface DepartmentAnswer {
  moreTimeMs?: number;
}
export const departmentReportedSignal = defineSignal<[DepartmentAnswer?]>(departmentReportedSignalName);

/** A batch's clocks and report count, for tests and operators. */
export const batchStateQuery = defineQuery<BatchState>(batchStateQueryName);
/** An assignee's feedback as the edge recorded it: stops that line's clock. */
export const instructionFeedbackSignal = defineSignal<[InstructionFeedbackSignal]>(instructionFeedbackSignalName);
