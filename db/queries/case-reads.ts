import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { Database } from '../client';
import { caseReads, cases, users } from '../schema';
import { pathWithin } from './jurisdictions';

export const recordCaseRead = (db: Database, read: Omit<typeof caseReads.$inferInsert, 'id'>) => db.insert(caseReads).values(read);

/**
 * The reads of the cases at or below a path, newest first, from before a read's ID when a page went before; within a
 * period (instants, `to` excluded) and of one reader, when asked.
 */
export const caseReadsWithin = (db: Database, path: string, beforeId: number | undefined, limit: number, asked: { from?: string; to?: string; reader?: string } = {}) =>
  db
    .select({
      id: caseReads.id,
      caseId: caseReads.caseId,
      caseNumber: cases.caseNumber,
      readerId: caseReads.readerId,
      readerName: users.name,
      readerRole: users.role,
      via: caseReads.via,
      readAt: caseReads.readAt,
    })
    .from(caseReads)
    .innerJoin(cases, eq(caseReads.caseId, cases.id))
    .innerJoin(users, eq(caseReads.readerId, users.id))
    .where(
      and(
        pathWithin(caseReads.jurisdictionPath, path),
        beforeId === undefined ? undefined : lt(caseReads.id, beforeId),
        asked.from ? gte(caseReads.readAt, asked.from) : undefined,
        asked.to ? lt(caseReads.readAt, asked.to) : undefined,
        asked.reader ? eq(caseReads.readerId, asked.reader) : undefined,
      ),
    )
    .orderBy(desc(caseReads.id))
    .limit(limit);
