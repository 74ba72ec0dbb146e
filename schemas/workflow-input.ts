import * as v from 'valibot';
import { caseStateSchema, instantSchema } from './case-state';
import { intakeSchemas } from './intake';
import { slaPolicySchema } from './policy';
import { channels } from './vocabulary';

/** What the edge hands to a case's workflow when it starts it: the filed intake and the policy in force that moment. */
export const caseWorkflowInputSchema = v.object({
  caseId: v.pipe(v.string(), v.uuid()),
  caseNumber: v.string(),
  channel: v.picklist(channels),
  jurisdictionCode: v.string(),
  filedAt: instantSchema,
  intake: v.union(Object.values(intakeSchemas)),
  policy: slaPolicySchema,
  /** The edge found an earlier case with the same party or address. */
  repeat: v.optional(v.boolean(), false),
  /** The state to go on from: carried over by continue-as-new, or kept by D1 when a repeat reopens a finished case. */
  resumeState: v.optional(caseStateSchema),
  /** The last sequence number D1 holds for the case; a run that starts over numbers its reports after it. */
  seqAfter: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  /** Continue as new past this many history events; tests lower it to see it happen. */
  historyLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(50)), 8_000),
  /**
   * How long a step's reports, answered to the edge that records them, wait before the workflow delivers them again
   * as the backstop for an edge that died mid-answer; sooner if another report goes out first. Tests shorten it.
   */
  backstopAfterMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 30_000),
  /** The filing's request ID: the workflow's reports carry it back, so the edge's log ties a filing to what followed. */
  requestId: v.optional(v.pipe(v.string(), v.maxLength(200))),
});
/** What a caller hands over; the workflow reads it through the schema, defaults filled in. */
export type CaseWorkflowInput = v.InferInput<typeof caseWorkflowInputSchema>;
