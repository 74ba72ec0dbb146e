import * as v from 'valibot';
import { caseProgressSchema, caseStateSchema, instantSchema, repeatReportSchema } from './case-state';
import { intakeSourceSchema } from './intake';
import { recordedTriageReasonSchema } from './triage-reason';
import { stepNames, stepPayloadSchemas, type StepName } from './steps';
import {
  caseOutcomes,
  channels,
  clockNames,
  departments,
  escalationLevels,
  notifyAudiences,
  orderStages,
  partyRoles,
  processStatuses,
  riskFlags,
  routes,
} from './vocabulary';

/**
 * Every event a case's timeline can hold, by type, with the detail that type carries. The workflow reports all
 * but `filed` and `repeat_report`, which the edge writes itself at intake.
 */
const clockDetail = v.object({ clock: v.picklist(clockNames), dueAt: instantSchema });
const processEventDetails = {
  triaged: v.object({ route: v.picklist(routes), hardCase: v.boolean(), reasons: v.array(recordedTriageReasonSchema) }),
  extension_requested: v.object({ duration: v.string() }),
  resolved: v.object({ route: v.picklist(routes) }),
  referred_to_litigation: v.object({ lastRoute: v.picklist(routes) }),
  route_transferred: v.object({ from: v.picklist(routes), to: v.picklist(routes) }),
  /** The new route's owners take over: the case waits for dispatch again, and whoever held it is told. */
  handed_over: v.object({ to: v.picklist(routes), previousAssignee: v.optional(v.string()) }),
  repeat_reported: repeatReportSchema,
  hard_case: v.object({}),
  /** The step just before was recorded by a supervisor for the mediator holding the case. */
  on_behalf_of: v.object({ step: v.picklist(stepNames), mediatorId: v.string(), mediatorName: v.string() }),
  reopened: v.object({ route: v.picklist(routes), cause: v.optional(v.picklist(['repeat', 'unsatisfied_visit'])) }),
  clock_warning: clockDetail,
  clock_breached: clockDetail,
  escalated: v.object({
    level: v.picklist([1, 2]),
    clock: v.optional(v.picklist(clockNames)),
    department: v.optional(v.picklist(departments)),
    unsatisfiedVisit: v.optional(v.literal(true)),
    unacknowledged: v.optional(v.literal(true)),
  }),
  /** Acknowledged and dealt with: the case is no longer escalated (its history keeps the levels it reached). */
  escalation_cleared: v.object({ from: v.picklist([1, 2]) }),
  /** Triage read risks in the report's words; a supervisor confirms or dismisses them. */
  flags_suggested: v.object({ flags: v.array(v.picklist(riskFlags)), words: v.array(v.string()) }),
  redispatch_needed: v.object({}),
  policy_changed: v.object({ version: v.pipe(v.number(), v.integer()) }),
  department_overdue: v.object({ department: v.picklist(departments) }),
} as const;

const edgeEventDetails = {
  filed: v.object({ channel: v.picklist(channels) }),
  /**
   * The whole intake of a report merged into an earlier case, so a supervisor can split it out into a case of its own
   * (it is checked against its channel's intake schema then). Rows merged before whole intakes were kept lack the
   * fields marked optional.
   */
  repeat_report: v.object({
    channel: v.picklist(channels),
    category: v.optional(v.string()),
    summary: v.string(),
    occurredAt: v.optional(v.string()),
    where: v.optional(v.object({ address: v.string(), gridCellCode: v.string() })),
    parties: v.array(v.object({ name: v.string(), role: v.picklist(partyRoles), phone: v.optional(v.string()), address: v.optional(v.string()) })),
    riskFlags: v.optional(v.array(v.picklist(riskFlags))),
    source: intakeSourceSchema,
    /** The number of a case closed as a duplicate of this one. */
    mergedFrom: v.optional(v.string()),
  }),
  /** A merged report split out into its own case, written on the case it left. */
  repeat_split: v.object({ repeatEventId: v.number(), caseId: v.string(), caseNumber: v.string() }),
} as const;

type StepEventType = `step:${StepName}`;
const stepEventType = (step: StepName): StepEventType => `step:${step}`;
const stepEventDetails = Object.fromEntries(stepNames.map((step) => [stepEventType(step), stepPayloadSchemas[step]])) as {
  [K in StepName as `step:${K}`]: (typeof stepPayloadSchemas)[K];
};

export type ProcessEventType = keyof typeof processEventDetails | StepEventType;
export const processEventTypes = [...Object.keys(processEventDetails), ...stepNames.map(stepEventType)] as [ProcessEventType, ...ProcessEventType[]];
export type EdgeEventType = keyof typeof edgeEventDetails;
export const edgeEventTypes = Object.keys(edgeEventDetails) as [EdgeEventType, ...EdgeEventType[]];
export type TimelineEventType = ProcessEventType | EdgeEventType;
export const timelineEventTypes = [...processEventTypes, ...edgeEventTypes] as [TimelineEventType, ...TimelineEventType[]];

/** The detail each type of timeline row carries: a step's is its payload. */
export const timelineEventDetails = { ...processEventDetails, ...stepEventDetails, ...edgeEventDetails };

/** The event itself: its type and the detail that type carries. */
export type ProcessEventBody =
  | { [K in keyof typeof processEventDetails]: { type: K; detail: v.InferOutput<(typeof processEventDetails)[K]> } }[keyof typeof processEventDetails]
  | { [K in StepName]: { type: `step:${K}`; detail: v.InferOutput<(typeof stepPayloadSchemas)[K]> } }[StepName];

/** A clock as D1 keeps it, one row a clock: what the workflow last said of it. */
export const clockProjectionSchema = v.object({
  clock: v.picklist(clockNames),
  startedAt: instantSchema,
  dueAt: instantSchema,
  warnedAt: v.nullable(instantSchema),
  breachedAt: v.nullable(instantSchema),
  stoppedAt: v.nullable(instantSchema),
  pausedAt: v.nullable(instantSchema),
  /** The due time counts a day of a year whose holiday notice is not out yet: it may move when the notice is. */
  provisional: v.optional(v.boolean()),
});

/**
 * What D1 stores of the case after an event: its columns, its clocks and its progress, all small. The whole
 * state goes along only once the case has left `open`: a repeat may later reopen it from there.
 */
export const caseProjectionSchema = v.object({
  status: v.picklist(processStatuses),
  route: v.picklist(routes),
  hardCase: v.boolean(),
  order: v.picklist(orderStages),
  assigneeId: v.nullable(v.string()),
  escalationLevel: v.picklist(escalationLevels),
  riskFlags: v.array(v.picklist(riskFlags)),
  outcome: v.nullable(v.picklist(caseOutcomes)),
  paused: v.boolean(),
  overdue: v.boolean(),
  clocks: v.array(clockProjectionSchema),
  progress: caseProgressSchema,
  resumeState: v.optional(caseStateSchema),
});
export type CaseProjection = v.InferOutput<typeof caseProjectionSchema>;

const reportEntries = {
  /** Counts per case: a retried report writes once, and a late one never overwrites a newer picture. */
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  actor: v.string(),
  reason: v.nullable(v.string()),
  at: instantSchema,
  notify: v.nullable(v.picklist(notifyAudiences)),
  /** A word for one person by name, such as the mediator a hand-over took the case from. */
  notifyUserId: v.optional(v.string()),
  projection: caseProjectionSchema,
};

const reportOf = <T extends string, D extends v.GenericSchema>(type: T, detail: D) =>
  v.object({ ...reportEntries, type: v.literal(type), detail });

const reportHeaderSchema = v.object(reportEntries);
export type CaseReport = v.InferOutput<typeof reportHeaderSchema> & ProcessEventBody;

/**
 * A state change the workflow reports to the edge: the event, and the case as D1 should show it afterwards.
 * Built from the per-type details above; its type is spelled from the same schemas, which the variant cannot infer.
 */
export const caseReportSchema = v.variant('type', [
  ...Object.entries(processEventDetails).map(([type, detail]) => reportOf(type, detail)),
  ...stepNames.map((step) => reportOf(stepEventType(step), stepPayloadSchemas[step])),
] as unknown as [ReturnType<typeof reportOf<ProcessEventType, v.GenericSchema>>]) as unknown as v.GenericSchema<unknown, CaseReport>;
