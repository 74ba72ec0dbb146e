import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { batchEvents, batches, cases, instructions, notifications } from '../schema';

/** What a user is told: addressed to them, or to the jurisdiction they answer for (their station or county). */
export async function notificationsFor(db: Database, recipients: string[], unreadOnly: boolean, limit = 100) {
  return db
    .select({
      id: notifications.id,
      caseId: notifications.caseId,
      caseNumber: cases.caseNumber,
      kind: notifications.kind,
      audience: notifications.audience,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .innerJoin(cases, eq(notifications.caseId, cases.id))
    .where(and(inArray(notifications.recipient, recipients), unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.id))
    .limit(limit);
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
 * An assignee's reminders of verification instructions: each line past its warning point without feedback, from
 * the moment its batch's workflow reported it. A reminder stands until the line is answered or goes overdue; the
 * tables are named in the subquery, where drizzle would leave `batch_id` unqualified.
 */
export const instructionRemindersFor = (db: Database, assigneeId: string, limit = 100) =>
  db
    .select({
      instructionId: instructions.id,
      batchId: instructions.batchId,
      line: instructions.line,
      dueAt: instructions.dueAt,
      subject: sql<string | null>`json_extract(${instructions.payload}, '$.subject')`,
      createdAt: sql<string>`(select max(e.at) from ${batchEvents} e where e.batch_id = ${instructions}.batch_id and e.type = 'warning')`,
    })
    .from(instructions)
    .where(and(eq(instructions.assigneeId, assigneeId), eq(instructions.status, 'warning')))
    .orderBy(desc(instructions.id))
    .limit(limit);

/**
 * What an assignee should answer first: their unanswered instructions past the warning point or overdue, the nearest
 * due time first (the most overdue on top), read by their (assignee, status) key.
 */
export const instructionsPastWarningOf = (db: Database, assigneeId: string, limit = 100) =>
  db
    .select({ instruction: instructions, batchTitle: batches.title, subject: sql<string | null>`json_extract(${instructions.payload}, '$.subject')` })
    .from(instructions)
    .innerJoin(batches, eq(batches.id, instructions.batchId))
    .where(and(eq(instructions.assigneeId, assigneeId), inArray(instructions.status, ['warning', 'overdue']), isNull(instructions.feedbackAt)))
    .orderBy(asc(instructions.dueAt), asc(instructions.id))
    .limit(limit);
