import * as v from 'valibot';
import { intakeSchemas } from './intake';
import { slaPolicySchema } from './policy';
import { channels } from './vocabulary';

export const clockNames = ['firstContact'] as const;
export type ClockName = (typeof clockNames)[number];

const instantSchema = v.pipe(v.string(), v.isoTimestamp());

/** What the edge hands to a case's workflow when it starts it: the filed intake and the policy in force that moment. */
export const caseWorkflowInputSchema = v.object({
  caseId: v.pipe(v.string(), v.uuid()),
  caseNumber: v.string(),
  channel: v.picklist(channels),
  jurisdictionCode: v.string(),
  filedAt: instantSchema,
  intake: v.union(Object.values(intakeSchemas)),
  policy: slaPolicySchema,
});
export type CaseWorkflowInput = v.InferOutput<typeof caseWorkflowInputSchema>;

/** A state change the workflow reports to the edge. `seq` counts per case, so a retried report writes once. */
export const caseEventSchema = v.variant('type', [
  v.object({
    seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
    type: v.picklist(['clock_warning', 'clock_breached']),
    clock: v.picklist(clockNames),
    at: instantSchema,
    dueAt: instantSchema,
  }),
]);
export type CaseEvent = v.InferOutput<typeof caseEventSchema>;
