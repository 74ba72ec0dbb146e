import * as v from 'valibot';
import { freeText } from './text';
import { pagedQuery } from './cursor';
import { durationSchema } from './policy';
import { instructionKinds } from './vocabulary';

const text = freeText;

/** A batch is at most this many lines: one county's weekly round, and one D1 write the edge can carry. */
export const maxBatchLines = 1_000;

/** Chosen by the client, so a re-sent batch is recognised; it becomes part of the workflow ID `batch/<id>`. */
/** A name, never a path: dots alone (`.`, `..`) would name no page the batch could be opened at. */
export const batchIdSchema = v.pipe(v.string(), v.trim(), v.regex(/^(?!\.+$)[A-Za-z0-9._:-]{1,100}$/, 'batchId'));

/** What a batch says of itself: in a JSON body, or as query parameters beside a CSV or JSON-lines body. */
export const batchOptionsSchema = v.object({
  batchId: v.optional(batchIdSchema),
  title: v.optional(text(1, 100)),
  /** Each instruction's feedback clock; the SLA policy's `instructionFeedbackWithin` when left out. */
  feedbackWithin: v.optional(durationSchema),
});
export type BatchOptions = v.InferOutput<typeof batchOptionsSchema>;

/** A JSON body: the options and the lines, each line checked on its own so one bad line stops none of the others. */
export const batchJsonSchema = v.pipe(
  v.object({
    ...batchOptionsSchema.entries,
    lines: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(maxBatchLines)),
  }),
  v.examples([
    {
      batchId: 'XH-2026-W47',
      title: '第 47 周核查指令',
      feedbackWithin: 'P2D',
      lines: [
        { kind: 'population', assigneeId: 'demo-grid-ly', subject: '白乐桥村 12 号 出租房人口核查' },
        { kind: 'anti_fraud', assigneeId: 'demo-mediator-ly', subject: '灵隐路 3 号 独居老人反诈走访', note: '带宣传册' },
      ],
    },
  ]),
);

/** The kinds that stay instructions; a `dispute` line is an intake (schemas/intake.ts, grid channel) instead. */
export const checkKinds = instructionKinds.filter((kind) => kind !== 'dispute') as [Exclude<(typeof instructionKinds)[number], 'dispute'>, ...Exclude<(typeof instructionKinds)[number], 'dispute'>[]];

/** Why a line of a body cannot even be read as fields; each has its words in the catalogs (`batch.lineProblem.<code>`). */
export const lineProblems = ['quoteUnclosed', 'tooManyCells', 'notJson', 'notObject'] as const;

/** A line as read from a body or a sheet, before its schema is asked: its number, and its fields or why it cannot be read. */
export const rawLineSchema = v.union([
  v.object({ line: v.pipe(v.number(), v.integer(), v.minValue(1)), fields: v.record(v.string(), v.unknown()) }),
  v.object({ line: v.pipe(v.number(), v.integer(), v.minValue(1)), unreadable: v.picklist(lineProblems), cells: v.optional(v.number()), columns: v.optional(v.number()) }),
]);
export type RawLine = v.InferOutput<typeof rawLineSchema>;

/** The lines a preview carries back to its confirmation, read again there as any upload's. */
export const previewedLinesSchema = v.pipe(v.array(rawLineSchema), v.minLength(1), v.maxLength(maxBatchLines));

export type CheckKind = (typeof checkKinds)[number];

/** A line first says its kind; that decides which schema reads the rest. */
export const lineKindSchema = v.object({ kind: v.picklist(instructionKinds) });

/**
 * A verification instruction: who checks what. The assignee is named by user ID, or by name as a county's sheet
 * names people, with their place when two people of that name work in the jurisdiction; one of the two is needed.
 */
export const instructionLineSchema = v.object({
  kind: v.picklist(checkKinds),
  assigneeId: v.optional(text(1, 64)),
  assignee: v.optional(text(1, 50)),
  assigneePlace: v.optional(text(1, 100)),
  /** The household, premises, person or unit to check. */
  subject: text(2, 200),
  note: v.optional(text(1, 1000)),
});
export type InstructionLine = v.InferOutput<typeof instructionLineSchema>;

/** An assignee's feedback (反馈) on their instruction: what they found. */
export const instructionFeedbackSchema = v.pipe(
  v.object({ feedback: text(1, 2000) }),
  v.examples([{ feedback: '已上门核查，实住 3 人，与登记一致' }]),
);

/** Newest first: a page ends at its last batch's creation time and ID. */
export const batchListCursor = { name: 'batches', key: v.tuple([v.string(), v.string()]) } as const;

/** An assignee's instructions: the open ones first (0), then the answered (1); each by due time ('~' when none yet), then ID. */
export const instructionListCursor = { name: 'instructions', key: v.tuple([v.picklist([0, 1]), v.string(), v.number()]) } as const;

export const listMaxLimit = 200;
/** GET /api/batches: a page of the batches of the caller's jurisdiction. */
export const batchListQuerySchema = pagedQuery(batchListCursor, listMaxLimit);
/** GET /api/instructions: a page of the caller's own instructions. */
export const instructionListQuerySchema = pagedQuery(instructionListCursor, listMaxLimit);
