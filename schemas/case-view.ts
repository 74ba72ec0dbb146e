import * as v from 'valibot';
import { answered } from './answered';
import { clockProjectionSchema, edgeEventTypes, timelineEventDetails, type EdgeEventType, type TimelineEventType } from './case-event';
import { caseProgressSchema, instantSchema } from './case-state';
import { intakeSourceSchema } from './intake';
import {
  caseOutcomes,
  caseStatuses,
  categories,
  channels,
  clockNames,
  type ClockName,
  escalationLevels,
  orderStages,
  partyRoles,
  riskFlags,
  routes,
} from './vocabulary';

const rowId = v.pipe(v.number(), v.integer(), v.minValue(1));

/** One row of a case's timeline, its detail as its type carries it; only the workflow's own reports are numbered. */
export type TimelineEntry = {
  [K in TimelineEventType]: {
    id: number;
    workflowSeq: K extends EdgeEventType ? null : number;
    type: K;
    actor: string;
    reason: string | null;
    detail: v.InferOutput<(typeof timelineEventDetails)[K]>;
    at: string;
  };
}[TimelineEventType];

const timelineEntryOf = (type: TimelineEventType) =>
  v.strictObject({
    id: rowId,
    workflowSeq: (edgeEventTypes as string[]).includes(type) ? v.null() : rowId,
    type: v.literal(type),
    actor: v.string(),
    reason: v.nullable(v.string()),
    detail: answered(timelineEventDetails[type] as v.GenericSchema),
    at: instantSchema,
  });

const timelineEntrySchema = v.variant(
  'type',
  (Object.keys(timelineEventDetails) as TimelineEventType[]).map(timelineEntryOf),
) as unknown as v.GenericSchema<TimelineEntry, TimelineEntry>;

/**
 * The case as every API answer shows it (GET /api/cases/{id}, a filing, a step, a split): its columns in D1, the
 * due times of its open clocks, every clock, its parties, its timeline and the workflow's picture of it. A reader
 * who may not read contacts gets the same shape with phone and ID numbers masked in its strings.
 */
export const caseViewSchema = v.strictObject({
  id: v.string(),
  caseNumber: v.string(),
  channel: v.picklist(channels),
  status: v.pipe(v.picklist(caseStatuses), v.description('`queued` until the case’s workflow has started and reported; then what it last said.')),
  category: v.picklist(categories),
  summary: v.string(),
  occurredAt: v.nullable(instantSchema),
  where: v.strictObject({ address: v.string(), gridCellCode: v.string() }),
  /** The station the case belongs to. */
  jurisdictionCode: v.string(),
  riskFlags: v.array(v.picklist(riskFlags)),
  source: v.pipe(answered(intakeSourceSchema), v.description('What the intake carried beyond the common fields, as its channel asks for it.')),
  filedBy: v.string(),
  filedAt: instantSchema,
  overdue: v.boolean(),
  route: v.pipe(v.nullable(v.picklist(routes)), v.description('Null until the workflow has triaged the case.')),
  hardCase: v.boolean(),
  order: v.pipe(v.nullable(v.picklist(orderStages)), v.description('Where the case stands as an order; null until the workflow has triaged it.')),
  assigneeId: v.nullable(v.string()),
  escalationLevel: v.pipe(v.picklist(escalationLevels), v.description('0: none; 1: the station’s leaders; 2: the county bureau.')),
  outcome: v.nullable(v.picklist(caseOutcomes)),
  paused: v.boolean(),
  deadlines: v.pipe(
    v.partial(v.strictObject(Object.fromEntries(clockNames.map((clock) => [clock, instantSchema])) as Record<ClockName, typeof instantSchema>)),
    v.description('The due time of each clock still running, by clock name.'),
  ),
  clocks: v.array(
    v.strictObject({
      ...clockProjectionSchema.entries,
      /** The due time counts a day of a year whose holiday notice is not out yet: it may move when the notice is. */
      provisional: v.boolean(),
    }),
  ),
  parties: v.array(v.strictObject({ name: v.string(), role: v.picklist(partyRoles), phone: v.nullable(v.string()), address: v.nullable(v.string()) })),
  timeline: v.pipe(v.array(timelineEntrySchema), v.description('Every event of the case, oldest first.')),
  process: v.pipe(
    v.nullable(caseProgressSchema),
    v.description('The workflow’s own picture of the case as last reported: route stage, departments, routes left, return visits. Null until it first reports.'),
  ),
  splitFrom: v.pipe(
    v.nullable(v.strictObject({ caseId: v.string(), repeatEventId: rowId })),
    v.description('For a report merged into another case and split out of it: that case, and the `repeat_report` row on its timeline.'),
  ),
});
export type CaseAnswer = v.InferOutput<typeof caseViewSchema>;

/** An intake about the same dispute as an earlier case joins it: the answer (200) is that case, and says so. */
export const mergedIntakeAnswerSchema = v.strictObject({
  ...caseViewSchema.entries,
  mergedRepeat: v.literal(true),
  mergedInto: v.strictObject({ caseId: v.string(), caseNumber: v.string() }),
});
