import { inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { caseClocks, cases, users } from '../schema';

/** What decides which steps a case takes now, for a page of cases at once: their rows and their clocks, in one batch. */
export async function findCaseStates(db: Database, caseIds: readonly string[]) {
  if (!caseIds.length) return [];
  const [rows, clocks] = await db.batch([
    db.select().from(cases).where(inArray(cases.id, [...caseIds])),
    db.select().from(caseClocks).where(inArray(caseClocks.caseId, [...caseIds])),
  ]);
  return rows.map((row) => ({ case: row, clocks: clocks.filter((clock) => clock.caseId === row.id) }));
}

/** The names a timeline shows for the people who wrote it, disabled ones included: they stay on what they did. */
export async function namesOfUsers(db: Database, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const found = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]));
  return new Map(found.map((user) => [user.id, user.name]));
}
