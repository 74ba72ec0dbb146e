import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, notExists, notInArray, or, sql } from 'drizzle-orm';
import { startKinds } from '../../schemas/outbox';
import type { Database } from '../client';
import { batches, cases, deadLetters, outbox } from '../schema';
import { pathWithin } from './jurisdictions';

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * What every reader of the pending rows agrees on: not delivered, not a dead letter (those wait for an admin), and not
 * backed off after a refusal (trying such a row early only spends its refusals on the way to the dead letters).
 */
const stillToDeliver = (db: Database, now: string) =>
  and(
    isNull(outbox.doneAt),
    or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, now)),
    notExists(db.select({ one: sql`1` }).from(deadLetters).where(eq(deadLetters.outboxId, outbox.id))),
  );

/**
 * Rows still to deliver. A start that went through at filing leaves its row open until the workflow's first report
 * closes it (a case's or a batch's alike), so a start is retried only once it failed, or once a while has passed without a word from the workflow.
 */
export async function pendingOutbox(db: Database, limit: number, silentStartBefore: string, now: string) {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        stillToDeliver(db, now),
        or(notInArray(outbox.kind, [...startKinds]), gt(outbox.attempts, 0), lt(outbox.createdAt, silentStartBefore)),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(limit);
}

/** A case's rows still to deliver, in order; a start just sent counts, since Temporal answers a repeated start with the run there. */
export async function findPendingOutbox(db: Database, caseId: string, now: string) {
  return db.select().from(outbox).where(and(eq(outbox.caseId, caseId), stillToDeliver(db, now))).orderBy(asc(outbox.id));
}

const outboxDone = (db: Database, outboxId: number, at: string) =>
  db.update(outbox).set({ doneAt: at, attempts: sql`${outbox.attempts} + 1`, lastError: null }).where(eq(outbox.id, outboxId));

export async function markOutboxDone(db: Database, outboxId: number, at: string) {
  await outboxDone(db, outboxId, at);
}

export async function markWorkflowStarted(db: Database, outboxId: number, caseId: string, runId: string, at: string) {
  await db.batch([
    outboxDone(db, outboxId, at),
    db
      .update(cases)
      .set({ status: 'open', workflowRunId: runId, updatedAt: at })
      .where(and(eq(cases.id, caseId), eq(cases.status, 'queued'))),
  ]);
}

const reasonOf = (error: string) => error.slice(0, 1000);

/** A failed delivery: counted, its reason kept, and when refused, not tried again before `nextAttemptAt`. */
export async function markStartFailed(db: Database, outboxId: number, error: string, nextAttemptAt: string | null = null) {
  await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: reasonOf(error), nextAttemptAt })
    .where(eq(outbox.id, outboxId));
}

/** A row refused once too often leaves the drain for the dead letters, with its reason, in one batch. */
export async function moveToDeadLetters(db: Database, row: { id: number; attempts: number }, error: string, at: string) {
  await db.batch([
    db.update(outbox).set({ attempts: sql`${outbox.attempts} + 1`, lastError: reasonOf(error) }).where(eq(outbox.id, row.id)),
    db.insert(deadLetters).values({ outboxId: row.id, reason: reasonOf(error), attempts: row.attempts + 1, deadAt: at }).onConflictDoNothing(),
  ]);
}

/** The dead letters of the cases and batches within a jurisdiction, the latest first, each with its outbox row. */
export async function deadLettersWithin(db: Database, jurisdictionPath: string) {
  return db
    .select({
      outboxId: deadLetters.outboxId,
      kind: outbox.kind,
      caseId: outbox.caseId,
      caseNumber: cases.caseNumber,
      batchId: batches.id,
      reason: deadLetters.reason,
      attempts: deadLetters.attempts,
      createdAt: outbox.createdAt,
      deadAt: deadLetters.deadAt,
    })
    .from(deadLetters)
    .innerJoin(outbox, eq(outbox.id, deadLetters.outboxId))
    .leftJoin(cases, eq(cases.id, outbox.caseId))
    .leftJoin(batches, and(isNull(outbox.caseId), eq(batches.id, sql`json_extract(${outbox.payload}, '$.batchId')`)))
    .where(or(pathWithin(cases.jurisdictionPath, jurisdictionPath), pathWithin(batches.jurisdictionPath, jurisdictionPath)))
    .orderBy(desc(deadLetters.deadAt), desc(deadLetters.outboxId));
}

/** Sends a dead letter back to the drain as if new: its count and back-off start over. Answers the outbox row, if it was dead. */
export async function reviveDeadLetter(db: Database, outboxId: number) {
  const isDead = sql`exists (select 1 from ${deadLetters} where ${deadLetters.outboxId} = ${outboxId})`;
  const [rows] = await db.batch([
    db.update(outbox).set({ attempts: 0, nextAttemptAt: null, lastError: null }).where(and(eq(outbox.id, outboxId), isDead)).returning(),
    db.delete(deadLetters).where(eq(deadLetters.outboxId, outboxId)),
  ]);
  return rows[0];
}

export async function findStartInput(db: Database, caseId: string) {
  const [row] = await db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.caseId, caseId), eq(outbox.kind, 'start_workflow')));
  return row?.payload;
}

/** A batch's rows still to deliver, in order: they name the batch in their payload, having no case. */
export async function findPendingBatchOutbox(db: Database, batchId: string, now: string) {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        stillToDeliver(db, now),
        inArray(outbox.kind, ['start_batch', 'instruction_feedback']),
        eq(sql`json_extract(${outbox.payload}, '$.batchId')`, batchId),
      ),
    )
    .orderBy(asc(outbox.id));
}

export async function markBatchStarted(db: Database, outboxId: number, batchId: string, at: string) {
  await db.batch([
    outboxDone(db, outboxId, at),
    db
      .update(batches)
      .set({ status: 'running', updatedAt: at })
      .where(and(eq(batches.id, batchId), eq(batches.status, 'queued'))),
  ]);
}

/** How deep the outbox is: rows not yet delivered (dead letters apart), and the dead letters waiting for an admin. */
export async function outboxDepth(db: Database): Promise<{ pending: number; dead: number }> {
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${outbox.doneAt} is null and ${deadLetters.outboxId} is null)`,
      dead: sql<number>`count(${deadLetters.outboxId})`,
    })
    .from(outbox)
    .leftJoin(deadLetters, eq(deadLetters.outboxId, outbox.id));
  return { pending: row?.pending ?? 0, dead: row?.dead ?? 0 };
}
