import type { BatchReport } from '../../schemas/batch-workflow';
import type { CaseReport } from '../../schemas/case-event';

/** The activities a case workflow may call; their implementations live beside this file. */
export interface CaseActivities {
  /** `requestId`: the filing's, sent with the report so the edge's log joins the two. */
  reportCaseEvent(caseId: string, report: CaseReport, requestId?: string): Promise<void>;
  /** Delivers reports in their order, one call each; a report the edge refuses for good is logged and passed over. */
  reportCaseEvents(caseId: string, reports: CaseReport[], requestId?: string): Promise<void>;
}

/** The activity a batch workflow calls. */
export interface BatchActivities {
  reportBatchEvent(batchId: string, report: BatchReport): Promise<void>;
}
