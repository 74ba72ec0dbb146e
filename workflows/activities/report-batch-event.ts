import type { BatchReport } from '../../schemas/batch-workflow';
import { postToEdge, type EdgeConnection } from './edge-post';
import type { BatchActivities } from './types';

/** A batch's workflow reports through the edge too; the edge keeps each report once by (batch, seq). */
export function createBatchActivities(connection: EdgeConnection): BatchActivities {
  return {
    async reportBatchEvent(batchId: string, report: BatchReport): Promise<void> {
      const path = `/internal/batches/${encodeURIComponent(batchId)}/events`;
      await postToEdge(connection, path, report, `report ${report.seq} of batch ${batchId}`);
    },
  };
}
