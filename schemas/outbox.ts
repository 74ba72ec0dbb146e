import * as v from 'valibot';
import { batchWorkflowInputSchema, instructionFeedbackSignalSchema } from './batch-workflow';
import { repeatReportSchema } from './case-state';
import { slaPolicySchema } from './policy';
import { caseWorkflowInputSchema } from './workflow-input';

/** What must reach a case's or a batch's workflow after a D1 write, by kind, each with the payload it carries. */
export const outboxMessageSchema = v.variant('kind', [
  v.object({ kind: v.literal('start_workflow'), payload: caseWorkflowInputSchema }),
  v.object({ kind: v.literal('repeat_report'), payload: repeatReportSchema }),
  v.object({ kind: v.literal('policy_changed'), payload: slaPolicySchema }),
  // A batch's rows name the batch rather than a case.
  v.object({ kind: v.literal('start_batch'), payload: batchWorkflowInputSchema }),
  v.object({ kind: v.literal('instruction_feedback'), payload: instructionFeedbackSignalSchema }),
]);
/** Kinds whose start is tried at once; the workflow's first report closes their row. */
export const startKinds = ['start_workflow', 'start_batch'] as const;
export type OutboxMessage = v.InferOutput<typeof outboxMessageSchema>;
/** As written: defaults are filled in when the message is read back and checked. */
export type OutboxMessageInput = v.InferInput<typeof outboxMessageSchema>;
export type OutboxKind = OutboxMessage['kind'];
export const outboxKinds = outboxMessageSchema.options.map((option) => option.entries.kind.literal) as [OutboxKind, ...OutboxKind[]];
