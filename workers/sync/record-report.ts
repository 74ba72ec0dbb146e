import type { Database } from '../../db/client';
import { applyCaseReport, findProjectionTarget, type ApplyOutcome } from '../../db/queries/projection';
import { addressee } from '../../domain/notifications';
import type { CaseReport } from '../../schemas/case-event';

/** A workflow's report lands in D1 once, with a notification for whoever the event is addressed to. */
export async function recordCaseReport(db: Database, caseId: string, report: CaseReport): Promise<ApplyOutcome | 'unknownCase'> {
  const target = await findProjectionTarget(db, caseId);
  if (!target) return 'unknownCase';
  const notify = report.notify
    ? addressee(report.notify, { ...target, assigneeId: report.projection.assigneeId }, report.notifyUserId)
    : undefined;
  return applyCaseReport(db, caseId, report, target.projectedSeq, notify);
}
