import * as v from 'valibot';
import { slaPolicySchema } from './policy';
import { recordedTriageReasonSchema } from './triage-reason';
import {
  caseOutcomes,
  channels,
  riskFlags,
  clockNames,
  departments,
  departmentStatuses,
  escalationLevels,
  orderStages,
  processStatuses,
  routeOutcomes,
  routes,
  routeStages,
} from './vocabulary';

export const instantSchema = v.pipe(v.string(), v.isoTimestamp());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const milliseconds = v.pipe(v.number(), v.minValue(0));

/**
 * A clock is data: when it started, how much time it is allowed, how long it stood paused, whether it warned,
 * breached or stopped. `warnAt` and `dueAt` are derived from the rest (see domain/clocks/clock.ts).
 */
export const clockSchema = v.object({
  name: v.picklist(clockNames),
  startedAt: instantSchema,
  budgetMs: milliseconds,
  extendedMs: milliseconds,
  pausedMs: milliseconds,
  pausedAt: v.optional(instantSchema),
  warnAt: instantSchema,
  dueAt: instantSchema,
  warnedAt: v.optional(instantSchema),
  breachedAt: v.optional(instantSchema),
  stoppedAt: v.optional(instantSchema),
  /** Its due time counts a day of a year whose holiday notice is not out yet (domain/calendar). */
  provisional: v.optional(v.boolean()),
});
export type Clock = v.InferOutput<typeof clockSchema>;

/** One resolution route of a case, as its own workflow and the case's mirror of it both hold it. */
export const routeStateSchema = v.object({
  route: v.picklist(routes),
  /** 0 for the first route of the case, 1 after one transfer… */
  index: count,
  workflowId: v.string(),
  startedAt: instantSchema,
  stage: v.picklist(routeStages),
  sessionsScheduled: count,
  sessionsHeld: count,
  lead: v.optional(v.picklist(departments)),
  departments: v.record(v.picklist(departments), v.picklist(departmentStatuses)),
  agreement: v.optional(v.string()),
  confirmation: v.optional(v.object({ confirmed: v.boolean(), court: v.string() })),
  failureReason: v.optional(v.string()),
});
export type RouteState = v.InferOutput<typeof routeStateSchema>;

/** A later intake that matched the case (a repeat), as the workflow keeps it: a short summary and who filed it. */
export const repeatReportSchema = v.object({
  id: v.string(),
  channel: v.picklist(channels),
  at: instantSchema,
  summary: v.pipe(v.string(), v.maxLength(200)),
  reportedBy: v.string(),
  /** Risks the new report names; they join the case's. */
  riskFlags: v.optional(v.array(v.picklist(riskFlags)), []),
});
export type RepeatReport = v.InferOutput<typeof repeatReportSchema>;
export type RepeatReportInput = v.InferInput<typeof repeatReportSchema>;

export const personSchema = v.object({ id: v.string(), name: v.string() });

/** The case as its workflow holds it: what a continued or reopened run resumes from, checked when it does. */
export const caseStateSchema = v.object({
  caseId: v.string(),
  caseNumber: v.string(),
  channel: v.picklist(channels),
  jurisdictionCode: v.string(),
  status: v.picklist(processStatuses),
  outcome: v.optional(v.picklist(caseOutcomes)),
  hardCase: v.boolean(),
  triageReasons: v.array(recordedTriageReasonSchema),
  /** The risks the case carries: ticked at intake, brought by a repeat, or confirmed by a supervisor. */
  riskFlags: v.optional(v.array(v.picklist(riskFlags)), []),
  /** Risks triage read in the report's words, waiting for a supervisor to confirm or dismiss them. */
  suggestedFlags: v.optional(v.array(v.picklist(riskFlags)), []),
  order: v.picklist(orderStages),
  assignee: v.optional(personSchema),
  contactedAt: v.optional(instantSchema),
  paused: v.optional(v.object({ since: instantSchema, reason: v.string() })),
  pendingExtension: v.optional(v.object({ duration: v.string(), reason: v.string(), requestedBy: v.string() })),
  escalationLevel: v.picklist(escalationLevels),
  /** Every level the case reached and when, kept after the level comes down again. */
  escalations: v.optional(v.array(v.object({ level: v.picklist([1, 2]), at: instantSchema, cause: v.string() })), []),
  route: routeStateSchema,
  routeHistory: v.array(
    v.object({ route: v.picklist(routes), outcome: v.picklist(routeOutcomes), reason: v.optional(v.string()), at: instantSchema }),
  ),
  returnVisits: v.array(v.object({ at: instantSchema, satisfied: v.boolean(), note: v.string() })),
  repeatReports: v.array(repeatReportSchema),
  clocks: v.record(v.picklist(clockNames), clockSchema),
  policy: slaPolicySchema,
  /** The last sequence number reported to the edge. */
  seq: count,
});
export type CaseState = v.InferOutput<typeof caseStateSchema>;

/**
 * What a reader of the case needs beyond its columns: the route's own progress, the routes it left, its return
 * visits. Small and bounded, so every report carries it.
 */
export const caseProgressSchema = v.object({
  ...v.pick(caseStateSchema, [
    'triageReasons',
    'riskFlags',
    'suggestedFlags',
    'outcome',
    'assignee',
    'contactedAt',
    'paused',
    'pendingExtension',
    'escalations',
    'routeHistory',
    'returnVisits',
  ]).entries,
  route: v.omit(routeStateSchema, ['workflowId']),
  repeatReports: count,
});
export type CaseProgress = v.InferOutput<typeof caseProgressSchema>;
