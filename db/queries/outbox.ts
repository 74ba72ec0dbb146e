import { and, asc, eq, gt, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import { startKinds } from '../../schemas/outbox';
import type { Database } from '../client';
import { batches, cases, outbox } from '../schema';

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * Rows still to deliver. A start that went through at filing leaves its row open until the workflow's first report
 * closes it (a case's or a batch's alike), so a start is retried only once it failed, or once a while has passed without a word from the workflow.
 */
export async function pendingOutbox(db: Database, limit: number, silentStartBefore: string) {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        isNull(outbox.doneAt),
        or(notInArray(outbox.kind, [...startKinds]), gt(outbox.attempts, 0), lt(outbox.createdAt, silentStartBefore)),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(limit);
}

export async function findPendingOutbox(db: Database, caseId: string) {
  return db.select().from(outbox).where(and(eq(outbox.caseId, caseId), isNull(outbox.doneAt))).orderBy(asc(outbox.id));
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

export async function markStartFailed(db: Database, outboxId: number, error: string) {
  await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 1000) })
    .where(eq(outbox.id, outboxId));
}

export async function findStartInput(db: Database, caseId: string) {
  const [row] = await db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.caseId, caseId), eq(outbox.kind, 'start_workflow')));
  return row?.payload;
}

/** A batch's rows still to deliver, in order: they name the batch in their payload, having no case. */
export async function findPendingBatchOutbox(db: Database, batchId: string) {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        isNull(outbox.doneAt),
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
