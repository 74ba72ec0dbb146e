import * as v from 'valibot';
import { clockSchema, instantSchema } from './case-state';
import { batchIdSchema } from './batch';
import { durationSchema } from './policy';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const lineNumber = v.pipe(v.number(), v.integer(), v.minValue(1));

/** What the batch workflow keeps: its report count and each instruction's feedback clock, keyed by line number. */
export const batchStateSchema = v.object({
  seq: count,
  clocks: v.record(v.string(), clockSchema),
});
export type BatchState = v.InferOutput<typeof batchStateSchema>;

/** What the edge hands the `batchDispatch` workflow: the lines that take feedback, and how long each has. */
export const batchWorkflowInputSchema = v.object({
  batchId: batchIdSchema,
  feedbackWithin: durationSchema,
  warnAtShare: v.pipe(v.number(), v.minValue(0.05), v.maxValue(0.99)),
  lines: v.array(lineNumber),
  /** Carried over by continue-as-new. */
  resumeState: v.optional(batchStateSchema),
  /** Continue as new past this many history events; tests lower it to see it happen. */
  historyLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(50)), 8_000),
});
export type BatchWorkflowInput = v.InferInput<typeof batchWorkflowInputSchema>;

/** An assignee's feedback as the edge recorded it; the workflow stops the line's clock at `at`. */
export const instructionFeedbackSignalSchema = v.object({ batchId: batchIdSchema, line: lineNumber, at: instantSchema });
export type InstructionFeedbackSignal = v.InferOutput<typeof instructionFeedbackSignalSchema>;

const reportBase = { seq: v.pipe(v.number(), v.integer(), v.minValue(1)), at: instantSchema };

/**
 * What the batch workflow tells the edge, by type, numbered so a retried report writes once. Lines travel as one
 * list, which the edge reads as one JSON parameter (D1 binds at most 100).
 */
export const batchReportSchema = v.variant('type', [
  v.object({ ...reportBase, type: v.literal('dispatched'), dueAt: instantSchema, lines: v.array(lineNumber) }),
  /** Lines past their warning point without feedback: their assignees are reminded. */
  v.object({ ...reportBase, type: v.literal('warning'), lines: v.pipe(v.array(lineNumber), v.minLength(1)) }),
  v.object({ ...reportBase, type: v.literal('overdue'), lines: v.pipe(v.array(lineNumber), v.minLength(1)) }),
  v.object({ ...reportBase, type: v.literal('completed'), answered: count, overdue: count }),
]);
export type BatchReport = v.InferOutput<typeof batchReportSchema>;
export const batchReportTypes = batchReportSchema.options.map((option) => option.entries.type.literal) as [BatchReport['type'], ...BatchReport['type'][]];
