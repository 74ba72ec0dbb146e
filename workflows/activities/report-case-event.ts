import { ApplicationFailure, log } from '@temporalio/activity';
import type { CaseReport } from '../../schemas/case-event';
import { postToEdge, type EdgeConnection } from './edge-post';
import type { CaseActivities } from './types';

export type { EdgeConnection };

/** A report in a list is tried this often, with a growing pause, before the activity fails and Temporal retries it. */
const inlineTries = 3;
const inlinePauseMs = 250;

/** Activities that write through the edge, which alone owns D1. */
export function createCaseActivities(connection: EdgeConnection): CaseActivities {
  const reportCaseEvent = async (caseId: string, event: CaseReport, requestId?: string): Promise<void> => {
    const path = `/internal/cases/${encodeURIComponent(caseId)}/events`;
    await postToEdge(connection, path, event, `event ${event.seq} of case ${caseId}`, requestId);
  };
  return {
    reportCaseEvent,
    // A retry sends the whole list again: what the edge holds already is a no-op there. A report that fails once is
    // tried again here after a pause: left to the activity's retry, each such report would double the next wait.
    async reportCaseEvents(caseId: string, events: CaseReport[], requestId?: string): Promise<void> {
      for (const event of events) {
        for (let attempt = 1; ; attempt++) {
          try {
            await reportCaseEvent(caseId, event, requestId);
            break;
          } catch (error) {
            if (error instanceof ApplicationFailure && error.nonRetryable) {
              log.error('report refused', { caseId, seq: event.seq, type: event.type, error: error.message });
              break;
            }
            if (attempt === inlineTries) throw error;
            await new Promise((resolve) => setTimeout(resolve, inlinePauseMs * attempt));
          }
        }
      }
    },
  };
}
