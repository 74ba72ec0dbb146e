import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../../db/client';
import { caseDetailOf, caseDetailReads, findCaseDetail, type CaseDetail, type CaseDetailRows } from '../../db/queries/cases';
import { applyCaseReport, caseReportWrites, findProjectionTarget, type ApplyOutcome, type ProjectionTarget } from '../../db/queries/projection';
import { isUniqueViolation } from '../../db/errors';
import { addresseesOf } from '../../domain/notifications';
import type { CaseReport } from '../../schemas/case-event';

const noticeOf = (report: CaseReport, target: ProjectionTarget) =>
  report.notify ? addresseesOf(report.type, report.notify, { ...target, assigneeId: report.projection.assigneeId }, report.notifyUserId) : [];

/** A workflow's report lands in D1 once, with a notification for whoever the event is addressed to. */
export async function recordCaseReport(db: Database, caseId: string, report: CaseReport, utcOffset: string): Promise<ApplyOutcome | 'unknownCase'> {
  const target = await findProjectionTarget(db, caseId);
  if (!target) return 'unknownCase';
  return applyCaseReport(db, caseId, report, target.projectedSeq, noticeOf(report, target), utcOffset);
}

/**
 * A step's reports and the whole case after them, in one trip to D1: the writes each report makes, then the reads of
 * the case. `target` is the case row as read before the step; a report that landed since (its delivery, or a newer
 * one) is sorted out by the writes themselves. Should one of the reports be in D1 already (the step sent again and
 * answered with the same reports), each is recorded on its own, as /internal would, and the case read after.
 */
export async function recordStepReports(
  db: Database,
  target: ProjectionTarget & { id: string },
  reports: readonly CaseReport[],
  utcOffset: string,
): Promise<CaseDetail | undefined> {
  const writes: BatchItem<'sqlite'>[] = reports.flatMap((report) => caseReportWrites(db, target.id, report, target.projectedSeq, noticeOf(report, target), utcOffset));
  const reads = caseDetailReads(db, target.id);
  try {
    const answers: unknown[] = await db.batch([...writes, ...reads] as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    return caseDetailOf(answers.slice(writes.length) as unknown as CaseDetailRows);
  } catch (error) {
    if (!isUniqueViolation(error, 'timeline_events')) throw error;
  }
  for (const report of reports) await recordCaseReport(db, target.id, report, utcOffset);
  return findCaseDetail(db, target.id);
}
