import * as v from 'valibot';
import { repeatReportSchema } from './case-state';
import { slaPolicySchema } from './policy';
import { caseWorkflowInputSchema } from './workflow-input';

/** What must reach a case's workflow after a D1 write, by kind, each with the payload it carries. */
export const outboxMessageSchema = v.variant('kind', [
  v.object({ kind: v.literal('start_workflow'), payload: caseWorkflowInputSchema }),
  v.object({ kind: v.literal('repeat_report'), payload: repeatReportSchema }),
  v.object({ kind: v.literal('policy_changed'), payload: slaPolicySchema }),
]);
export type OutboxMessage = v.InferOutput<typeof outboxMessageSchema>;
/** As written: defaults are filled in when the message is read back and checked. */
export type OutboxMessageInput = v.InferInput<typeof outboxMessageSchema>;
export type OutboxKind = OutboxMessage['kind'];
export const outboxKinds = outboxMessageSchema.options.map((option) => option.entries.kind.literal) as [OutboxKind, ...OutboxKind[]];
