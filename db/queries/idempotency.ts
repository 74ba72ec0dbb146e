import { and, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { idempotencyKeys } from '../schema';

export type IdempotencyRecord = Omit<typeof idempotencyKeys.$inferInsert, 'caseId' | 'createdAt'>;

export async function findIdempotencyKey(db: Database, userId: string, key: string) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return row;
}

/** Kept in the same batch as the write it answers for, so a key never points at half a filing. */
export const insertIdempotencyKey = (db: Database, record: IdempotencyRecord, caseId: string, at: string) =>
  db.insert(idempotencyKeys).values({ ...record, caseId, createdAt: at });
