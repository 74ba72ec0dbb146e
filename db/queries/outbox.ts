import { and, asc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { cases, outbox } from '../schema';

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * Rows still to deliver. A start that went through at filing leaves its row open until the workflow's first report
 * closes it, so a start is retried only once it failed, or once a while has passed without a word from the workflow.
 */
export async function pendingOutbox(db: Database, limit: number, silentStartBefore: string) {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        isNull(outbox.doneAt),
        or(ne(outbox.kind, 'start_workflow'), gt(outbox.attempts, 0), lt(outbox.createdAt, silentStartBefore)),
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
