import * as v from 'valibot';
import { intakeSchemas } from './intake';
import { slaPolicySchema } from './policy';
import { channels, routes } from './vocabulary';

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
  /** The edge found an earlier case with the same party or address. */
  repeat: v.optional(v.boolean(), false),
  /**
   * The state to go on from: carried over by continue-as-new, or read back from D1 when a repeat
   * reopens a case whose workflow had finished. Checked by the workflow, not here.
   */
  resumeState: v.optional(v.record(v.string(), v.unknown())),
  /** Continue as new past this many history events; tests lower it to see it happen. */
  historyLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(50)), 8_000),
});
/** What a caller hands over; the workflow reads it through the schema, defaults filled in. */
export type CaseWorkflowInput = v.InferInput<typeof caseWorkflowInputSchema>;

const clockProjectionSchema = v.object({
  clock: v.string(),
  startedAt: instantSchema,
  dueAt: instantSchema,
  warnedAt: v.nullable(instantSchema),
  breachedAt: v.nullable(instantSchema),
  stoppedAt: v.nullable(instantSchema),
  pausedAt: v.nullable(instantSchema),
});

/**
 * A state change the workflow reports to the edge, with the case as it stands after it. `seq` counts per case:
 * a retried report writes once, and a late one never overwrites a newer picture.
 */
export const caseEventSchema = v.object({
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  type: v.pipe(v.string(), v.regex(/^[a-z_:-]{2,60}$/)),
  actor: v.string(),
  reason: v.nullable(v.string()),
  detail: v.record(v.string(), v.unknown()),
  at: instantSchema,
  notify: v.nullable(v.picklist(['assignee', 'station', 'county'])),
  projection: v.object({
    status: v.picklist(['open', 'resolved', 'closed']),
    route: v.picklist(routes),
    hardCase: v.boolean(),
    order: v.string(),
    assigneeId: v.nullable(v.string()),
    escalationLevel: v.picklist([0, 1, 2]),
    paused: v.boolean(),
    overdue: v.boolean(),
    clocks: v.array(clockProjectionSchema),
    /** The whole workflow state, kept so a finished case can be reopened where it stood. */
    state: v.record(v.string(), v.unknown()),
  }),
});
export type CaseEvent = v.InferOutput<typeof caseEventSchema>;
