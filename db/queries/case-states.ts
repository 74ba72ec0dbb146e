import { and, asc, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { caseClocks, cases, timelineEvents, users } from '../schema';

/** What decides which steps a case takes now, for a page of cases at once: their rows and their clocks, in one batch. */
export async function findCaseStates(db: Database, caseIds: readonly string[]) {
  if (!caseIds.length) return [];
  const [rows, clocks] = await db.batch([
    db.select().from(cases).where(inArray(cases.id, [...caseIds])),
    db.select().from(caseClocks).where(inArray(caseClocks.caseId, [...caseIds])),
  ]);
  return rows.map((row) => ({ case: row, clocks: clocks.filter((clock) => clock.caseId === row.id) }));
}

/**
 * The timeline rows a department's deadline is worked out from, for a page of cases, in the order they happened: the
 * dispatches that name departments, the departments' reports, and the policy versions each case heard.
 */
export async function deadlineEventsOf(db: Database, caseIds: readonly string[]) {
  if (!caseIds.length) return [];
  return db
    .select({ caseId: timelineEvents.caseId, type: timelineEvents.type, detail: timelineEvents.detail, at: timelineEvents.at })
    .from(timelineEvents)
    .where(and(inArray(timelineEvents.caseId, [...caseIds]), inArray(timelineEvents.type, ['step:assign', 'step:record-department-report', 'policy_changed'])))
    .orderBy(asc(timelineEvents.id));
}

/** The names a timeline shows for the people who wrote it, disabled ones included: they stay on what they did. */
export async function namesOfUsers(db: Database, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const found = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]));
  return new Map(found.map((user) => [user.id, user.name]));
}
