import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, min, sql } from 'drizzle-orm';
import type { Department } from '../../schemas/vocabulary';
import type { Database } from '../client';
import { caseWithin } from './jurisdictions';
import { caseClocks, cases } from '../schema';

export interface CaseListFilter {
  /** Cases at or below this path. */
  jurisdictionPath: string;
  overdueOnly: boolean;
  escalatedOnly: boolean;
  assigneeId?: string;
  /** Only cases whose current route names this department: a department user's tasks. */
  department?: Department;
  statuses: (typeof cases.$inferSelect)['status'][];
  limit: number;
}

/**
 * The work lists supervisors and mediators read, straight from the projection: overdue cases first, the longest
 * overdue at the top, then the rest by their nearest deadline.
 */
export async function listCases(db: Database, filter: CaseListFilter) {
  const firstBreach = db
    .select({ caseId: caseClocks.caseId, breachedAt: min(caseClocks.breachedAt).as('first_breach') })
    .from(caseClocks)
    .where(and(isNotNull(caseClocks.breachedAt), isNull(caseClocks.stoppedAt)))
    .groupBy(caseClocks.caseId)
    .as('first_breach');
  const nextDue = db
    .select({ caseId: caseClocks.caseId, dueAt: min(caseClocks.dueAt).as('next_due') })
    .from(caseClocks)
    .where(isNull(caseClocks.stoppedAt))
    .groupBy(caseClocks.caseId)
    .as('next_due');
  return db
    .select({
      id: cases.id,
      caseNumber: cases.caseNumber,
      status: cases.status,
      channel: cases.channel,
      category: cases.category,
      route: cases.route,
      hardCase: cases.hardCase,
      order: cases.orderStage,
      assigneeId: cases.assigneeId,
      escalationLevel: cases.escalationLevel,
      paused: cases.paused,
      overdue: cases.overdue,
      overdueSince: firstBreach.breachedAt,
      nextDueAt: nextDue.dueAt,
      filedAt: cases.filedAt,
    })
    .from(cases)
    .leftJoin(firstBreach, eq(firstBreach.caseId, cases.id))
    .leftJoin(nextDue, eq(nextDue.caseId, cases.id))
    .where(
      and(
        caseWithin(filter.jurisdictionPath),
        inArray(cases.status, filter.statuses),
        filter.overdueOnly ? eq(cases.overdue, true) : undefined,
        filter.escalatedOnly ? gt(cases.escalationLevel, 0) : undefined,
        filter.assigneeId ? eq(cases.assigneeId, filter.assigneeId) : undefined,
        filter.department ? sql`json_type(${cases.progress}, ${`$.route.departments.${filter.department}`}) is not null` : undefined,
      ),
    )
    .orderBy(desc(cases.overdue), asc(firstBreach.breachedAt), asc(nextDue.dueAt), asc(cases.filedAt))
    .limit(filter.limit);
}
