import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { batchEvents, batches, cases, instructions, notifications, timelineEvents } from '../schema';

/** A notice as a reader sees it: what, about which case, to whom, when, and whether read. */
const noticeColumns = {
  id: notifications.id,
  caseId: notifications.caseId,
  caseNumber: cases.caseNumber,
  kind: notifications.kind,
  audience: notifications.audience,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
};

/** What a user is told: addressed to them, or to the jurisdiction they answer for (their station or county). */
export async function notificationsFor(db: Database, recipients: string[], unreadOnly: boolean, limit = 100) {
  return db
    .select(noticeColumns)
    .from(notifications)
    .innerJoin(cases, eq(notifications.caseId, cases.id))
    .where(and(inArray(notifications.recipient, recipients), unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.id))
    .limit(limit);
}

/**
 * The inbox page's notices, each with the timeline event that raised it (what was reported or asked, by whom, why):
 * a notice is written with its event's sequence number, so one indexed join finds it.
 */
export async function noticesWithEvents(db: Database, recipients: string[], limit = 100) {
  return db
    .select({
      ...noticeColumns,
      actor: timelineEvents.actor,
      reason: timelineEvents.reason,
      detail: timelineEvents.detail,
    })
    .from(notifications)
    .innerJoin(cases, eq(notifications.caseId, cases.id))
    .leftJoin(timelineEvents, and(eq(timelineEvents.caseId, notifications.caseId), eq(timelineEvents.workflowSeq, notifications.workflowSeq)))
    .where(inArray(notifications.recipient, recipients))
    .orderBy(desc(notifications.id))
    .limit(limit);
}

/** How many notices the reader has not marked read: the number beside the inbox in the navigation. */
export async function unreadCountOf(db: Database, recipients: string[]) {
  const [row] = await db
    .select({ count: sql<number>`count(*)` })
    .from(notifications)
    .where(and(inArray(notifications.recipient, recipients), isNull(notifications.readAt)));
  return row?.count ?? 0;
}

export async function markNotificationRead(db: Database, id: number, recipients: string[], at: string) {
  const marked = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.id, id), inArray(notifications.recipient, recipients), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return marked.length > 0;
}

/**
 * What an assignee should answer first: their unanswered instructions past the warning point or overdue, the most
 * overdue on top, then the nearest due; read by their (assignee, status) key. Overdue is what the batch's workflow
 * reported, or a due time already past while its report is on the way (domain/clocks/clock-reading.ts): a line the
 * workflow has not yet warned of is late all the same. `warnedAt` is when the batch last warned; the tables are named
 * in that subquery, where drizzle would leave `batch_id` unqualified.
 */
export const instructionsToAnswerSoonOf = (db: Database, assigneeId: string, now: Date, limit = 100) =>
  db
    .select({
      instruction: instructions,
      batchTitle: batches.title,
      subject: sql<string | null>`json_extract(${instructions.payload}, '$.subject')`,
      warnedAt: sql<string | null>`(select max(e.at) from ${batchEvents} e where e.batch_id = ${instructions}.batch_id and e.type = 'warning')`,
    })
    .from(instructions)
    .innerJoin(batches, eq(batches.id, instructions.batchId))
    .where(
      and(
        eq(instructions.assigneeId, assigneeId),
        isNull(instructions.feedbackAt),
        or(inArray(instructions.status, ['warning', 'overdue']), and(eq(instructions.status, 'dispatched'), lte(instructions.dueAt, now.toISOString()))),
      ),
    )
    .orderBy(asc(instructions.dueAt), asc(instructions.id))
    .limit(limit);
