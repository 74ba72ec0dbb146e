import type { Database } from '../../db/client';
import { applyBatchReport, findBatch } from '../../db/queries/batches';
import type { BatchReport } from '../../schemas/batch-workflow';

/** A batch workflow's report lands in D1 once; the edge alone writes it. */
export async function recordBatchReport(db: Database, batchId: string, report: BatchReport) {
  if (!(await findBatch(db, batchId))) return 'unknownBatch' as const;
  return applyBatchReport(db, batchId, report);
}
