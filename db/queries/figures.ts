import { and, asc, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Database } from '../client';
import { batches, caseClocks, cases, instructions, timelineEvents } from '../schema';
import { caseWithin, pathWithin } from './jurisdictions';

/** The timeline events the figures count; the rest stay unread. */
export const countedEventTypes = [
  'step:assign',
  'step:accept',
  'step:record-department-report',
  'step:record-return-visit',
  'route_transferred',
  'escalated',
  'repeat_report',
] as const;

/** The cohort of a period: cases filed in [from, to) within a jurisdiction, with their judging clocks and counted events. */
export async function readCohort(db: Database, cohort: { jurisdictionPath: string; from: string; to: string }) {
  const inCohort = and(caseWithin(cohort.jurisdictionPath), gte(cases.filedAt, cohort.from), lt(cases.filedAt, cohort.to));
  const ids = db.select({ id: cases.id }).from(cases).where(inCohort);
  const [caseRows, clockRows, eventRows] = await db.batch([
    db
      .select({
        id: cases.id,
        filedAt: cases.filedAt,
        channel: cases.channel,
        category: cases.category,
        route: cases.route,
        jurisdictionPath: cases.jurisdictionPath,
        assigneeId: cases.assigneeId,
        status: cases.status,
        outcome: cases.outcome,
      })
      .from(cases)
      .where(inCohort)
      .orderBy(asc(cases.filedAt)),
    db
      .select({ caseId: caseClocks.caseId, clock: caseClocks.clock, dueAt: caseClocks.dueAt, breachedAt: caseClocks.breachedAt, stoppedAt: caseClocks.stoppedAt })
      .from(caseClocks)
      .where(and(inArray(caseClocks.caseId, ids), inArray(caseClocks.clock, ['firstContact', 'resolve']))),
    db
      .select({ caseId: timelineEvents.caseId, type: timelineEvents.type, detail: timelineEvents.detail })
      .from(timelineEvents)
      .where(and(inArray(timelineEvents.caseId, ids), inArray(timelineEvents.type, [...countedEventTypes])))
      .orderBy(asc(timelineEvents.id)),
  ]);
  return { caseRows, clockRows, eventRows };
}

export type Cohort = Awaited<ReturnType<typeof readCohort>>;

/** Verification instructions (核查指令) issued in batches created in [from, to) within a jurisdiction, and how many were answered. */
export async function countInstructions(db: Database, period: { jurisdictionPath: string; from: string; to: string }) {
  const [row] = await db
    .select({ issued: count(), answered: count(instructions.feedbackAt) })
    .from(instructions)
    .innerJoin(batches, eq(batches.id, instructions.batchId))
    .where(
      and(
        pathWithin(batches.jurisdictionPath, period.jurisdictionPath),
        gte(batches.createdAt, period.from),
        lt(batches.createdAt, period.to),
        inArray(instructions.status, ['pending', 'dispatched', 'warning', 'answered', 'overdue']),
      ),
    );
  return { issued: row?.issued ?? 0, answered: row?.answered ?? 0 };
}
