import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../client';
import { cases, notifications } from '../schema';

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
