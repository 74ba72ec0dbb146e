import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { BatchReport } from '../../schemas/batch-workflow';
import type { OutboxMessageInput } from '../../schemas/outbox';
import type { Database } from '../client';
import { isUniqueViolation } from '../errors';
import { batchEvents, batches, instructions, outbox } from '../schema';
import { pathWithin } from './jurisdictions';

export type BatchRow = typeof batches.$inferSelect;
export type InstructionRow = typeof instructions.$inferSelect;
export type NewInstruction = Omit<typeof instructions.$inferInsert, 'id' | 'batchId'>;

/** D1 binds at most 100 parameters a statement: seven instruction rows of thirteen columns fit in one insert. */
const rowsPerInsert = 7;

export async function findBatch(db: Database, batchId: string) {
  const [row] = await db.select().from(batches).where(eq(batches.id, batchId));
  return row;
}

/**
 * What a batch's lines come to, read by the (batch, line) key: `accepted` is every line not rejected (a dispute line
 * filed as a case included); `dispatched` the lines whose clock the workflow started; `overdue` the lines that went
 * past their due time, answered since or not. Written with the tables named, as a subquery of a select from
 * `batches` whose own columns drizzle would leave unqualified.
 */
const lineCounts = sql<string>`(select json_object(
    'lines', count(*),
    'accepted', count(case when i.status <> 'rejected' then 1 end),
    'rejected', count(case when i.status = 'rejected' then 1 end),
    'casesFiled', count(case when i.status = 'case_filed' then 1 end),
    'waitingToDispatch', count(case when i.status = 'pending' then 1 end),
    'dispatched', count(i.due_at),
    'feedbackReceived', count(i.feedback_at),
    'overdue', count(i.overdue_at))
  from ${instructions} i where i.batch_id = ${batches}.id)`.mapWith((json: string) => JSON.parse(json) as BatchCounts);

export interface BatchCounts {
  lines: number;
  accepted: number;
  rejected: number;
  casesFiled: number;
  waitingToDispatch: number;
  dispatched: number;
  feedbackReceived: number;
  overdue: number;
}

const batchWithCounts = {
  id: batches.id,
  title: batches.title,
  status: batches.status,
  feedbackWithin: batches.feedbackWithin,
  createdBy: batches.createdBy,
  jurisdictionCode: batches.jurisdictionCode,
  jurisdictionPath: batches.jurisdictionPath,
  createdAt: batches.createdAt,
  counts: lineCounts,
};

export async function findBatchWithCounts(db: Database, batchId: string) {
  const [row] = await db.select(batchWithCounts).from(batches).where(eq(batches.id, batchId));
  return row;
}
export type BatchWithCounts = NonNullable<Awaited<ReturnType<typeof findBatchWithCounts>>>;

/** A page of the batches at or below a path, newest first, after the (createdAt, id) of the page before. */
export const listBatchesWithin = (db: Database, path: string, after: readonly [string, string] | undefined, limit: number) =>
  db
    .select(batchWithCounts)
    .from(batches)
    .where(and(pathWithin(batches.jurisdictionPath, path), after && sql`(${batches.createdAt}, ${batches.id}) < (${after[0]}, ${after[1]})`))
    .orderBy(desc(batches.createdAt), desc(batches.id))
    .limit(limit);

/** Open (no feedback yet) before answered: the first part of an assignee's order. */
const answeredLast = sql<0 | 1>`(case when ${instructions.feedbackAt} is null then 0 else 1 end)`;
const dueOrLast = sql<string>`coalesce(${instructions.dueAt}, '~')`;

/**
 * A page of one assignee's instructions, read by their (assignee, status) key: what still wants feedback first,
 * nearest due time first; then what they answered. Lines that dispatched nothing (rejected, filed as a case) are
 * not theirs to answer.
 */
export const listInstructionsOf = (db: Database, assigneeId: string, after: readonly [0 | 1, string, number] | undefined, limit: number) =>
  db
    .select({ instruction: instructions, batchTitle: batches.title, sortKey: sql<[0 | 1, string, number]>`json_array(${answeredLast}, ${dueOrLast}, ${instructions.id})`.mapWith((json: string) => JSON.parse(json) as [0 | 1, string, number]) })
    .from(instructions)
    .innerJoin(batches, eq(batches.id, instructions.batchId))
    .where(
      and(
        eq(instructions.assigneeId, assigneeId),
        inArray(instructions.status, ['pending', 'dispatched', 'warning', 'overdue', 'answered']),
        after && sql`(${answeredLast}, ${dueOrLast}, ${instructions.id}) > (${after[0]}, ${after[1]}, ${after[2]})`,
      ),
    )
    .orderBy(answeredLast, dueOrLast, asc(instructions.id))
    .limit(limit);

export const listInstructions = (db: Database, batchId: string) =>
  db.select().from(instructions).where(eq(instructions.batchId, batchId)).orderBy(asc(instructions.line));

/**
 * The batch, its lines and the start of its workflow in one D1 batch: the batch row goes first, so a batch sent
 * twice at once fails whole on its key and leaves nothing behind. No start row when no line takes feedback.
 */
export async function insertBatch(
  db: Database,
  batch: typeof batches.$inferInsert,
  lines: NewInstruction[],
  start: Extract<OutboxMessageInput, { kind: 'start_batch' }> | undefined,
): Promise<{ outboxId?: number } | 'exists'> {
  const writes: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [db.insert(batches).values(batch)];
  for (let at = 0; at < lines.length; at += rowsPerInsert) {
    writes.push(db.insert(instructions).values(lines.slice(at, at + rowsPerInsert).map((line) => ({ ...line, batchId: batch.id }))));
  }
  if (start) writes.push(db.insert(outbox).values({ caseId: null, kind: start.kind, payload: start.payload, createdAt: batch.createdAt }).returning({ id: outbox.id }));
  try {
    const results = await db.batch(writes);
    const started = start ? (results.at(-1) as { id: number }[])[0] : undefined;
    return { outboxId: started?.id };
  } catch (error) {
    if (isUniqueViolation(error, 'batches')) return 'exists';
    throw error;
  }
}

/** An instruction with what deciding who may answer it needs (its batch's place in the tree) and its batch's title. */
export async function findInstruction(db: Database, instructionId: number) {
  const [row] = await db
    .select({ instruction: instructions, jurisdictionPath: batches.jurisdictionPath, batchStatus: batches.status, batchTitle: batches.title })
    .from(instructions)
    .innerJoin(batches, eq(instructions.batchId, batches.id))
    .where(eq(instructions.id, instructionId));
  return row;
}

/**
 * Records feedback once and queues the signal that stops its clock, in one D1 batch. Only a line without feedback
 * takes it, so of two answers sent at once one wins; the loser's queued signal finds the clock stopped already.
 */
export async function recordFeedback(db: Database, instruction: InstructionRow, feedback: string, at: string) {
  const [updated, queued] = await db.batch([
    db
      .update(instructions)
      .set({ status: 'answered', feedback, feedbackAt: at })
      .where(and(eq(instructions.id, instruction.id), isNull(instructions.feedbackAt)))
      .returning({ id: instructions.id }),
    db
      .insert(outbox)
      .values({
        caseId: null,
        kind: 'instruction_feedback',
        payload: { batchId: instruction.batchId, line: instruction.line, at },
        createdAt: at,
      })
      .returning(),
  ]);
  return { recorded: updated.length > 0, outboxRow: queued[0]! };
}

/** Lines named in a report, bound as one JSON parameter whatever their number. */
const lineIn = (lines: number[]) => sql`${instructions.line} in (select value from json_each(${JSON.stringify(lines)}))`;

/**
 * Applies one report of a batch's workflow. The (batch, seq) row goes first: a retried report fails on it and the
 * whole D1 batch rolls back, so it writes once. Feedback recorded at the edge wins over what the workflow says.
 */
export async function applyBatchReport(db: Database, batchId: string, report: BatchReport): Promise<'applied' | 'duplicate'> {
  const ofBatch = eq(instructions.batchId, batchId);
  const writes: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [db.insert(batchEvents).values({ batchId, seq: report.seq, type: report.type, at: report.at })];
  switch (report.type) {
    case 'dispatched':
      // The workflow speaks, so it runs: its start needs no retrying.
      writes.push(
        db.update(instructions).set({ dueAt: report.dueAt }).where(and(ofBatch, lineIn(report.lines))),
        db.update(instructions).set({ status: 'dispatched' }).where(and(ofBatch, lineIn(report.lines), eq(instructions.status, 'pending'))),
        db
          .update(outbox)
          .set({ doneAt: report.at })
          .where(and(eq(outbox.kind, 'start_batch'), isNull(outbox.doneAt), eq(sql`json_extract(${outbox.payload}, '$.batchId')`, batchId))),
        db.update(batches).set({ status: 'running', updatedAt: report.at }).where(and(eq(batches.id, batchId), eq(batches.status, 'queued'))),
      );
      break;
    case 'warning':
      // Only a line still running is warned: one answered meanwhile, or late already, needs no reminder.
      writes.push(
        db
          .update(instructions)
          .set({ status: 'warning' })
          .where(and(ofBatch, lineIn(report.lines), eq(instructions.status, 'dispatched'), isNull(instructions.feedbackAt))),
      );
      break;
    case 'overdue':
      writes.push(
        db
          .update(instructions)
          .set({ status: 'overdue', overdueAt: report.at })
          .where(and(ofBatch, lineIn(report.lines), isNull(instructions.feedbackAt))),
      );
      break;
    case 'completed':
      writes.push(db.update(batches).set({ status: 'done', updatedAt: report.at }).where(eq(batches.id, batchId)));
      break;
  }
  try {
    await db.batch(writes);
  } catch (error) {
    if (isUniqueViolation(error, 'batch_events')) return 'duplicate';
    throw error;
  }
  return 'applied';
}
