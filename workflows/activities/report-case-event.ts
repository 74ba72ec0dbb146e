import type { CaseReport } from '../../schemas/case-event';
import { postToEdge, type EdgeConnection } from './edge-post';
import type { CaseActivities } from './types';

export type { EdgeConnection };

/** Activities that write through the edge, which alone owns D1. */
export function createCaseActivities(connection: EdgeConnection): CaseActivities {
  return {
    async reportCaseEvent(caseId: string, event: CaseReport): Promise<void> {
      const path = `/internal/cases/${encodeURIComponent(caseId)}/events`;
      await postToEdge(connection, path, event, `event ${event.seq} of case ${caseId}`);
    },
  };
}
