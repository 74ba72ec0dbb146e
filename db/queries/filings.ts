import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { cases, timelineEvents } from '../schema';
import { caseWithin } from './jurisdictions';

/**
 * The cases a person reported, newest report first: those they filed, and those their report joined as a repeat
 * (a `repeat_report` on the timeline in their name), so a report that joined an earlier case is not lost from view.
 * Read within their jurisdiction, which the path index serves.
 */
export async function listFilingsOf(db: Database, filer: { id: string; jurisdictionPath: string }, limit: number) {
  const latestRepeatReport = sql<string | null>`(select max(${timelineEvents.at}) from ${timelineEvents}
    where ${timelineEvents.caseId} = ${cases.id} and ${timelineEvents.type} = 'repeat_report' and ${timelineEvents.actor} = ${filer.id})`;
  const filedByThem = eq(cases.filedBy, filer.id);
  const reportedAt = sql<string>`case when ${filedByThem} then max(${cases.filedAt}, coalesce(${latestRepeatReport}, '')) else ${latestRepeatReport} end`;
  return db
    .select({
      id: cases.id,
      caseNumber: cases.caseNumber,
      status: cases.status,
      channel: cases.channel,
      category: cases.category,
      address: cases.address,
      filedAt: cases.filedAt,
      reportedAt,
      joined: sql<boolean>`not ${filedByThem}`.mapWith(Boolean),
    })
    .from(cases)
    .where(and(caseWithin(filer.jurisdictionPath), or(filedByThem, sql`${latestRepeatReport} is not null`)))
    .orderBy(desc(reportedAt))
    .limit(limit);
}

export type FilingRow = Awaited<ReturnType<typeof listFilingsOf>>[number];
