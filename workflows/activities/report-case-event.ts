import { ApplicationFailure } from '@temporalio/activity';
import type { CaseReport } from '../../schemas/case-event';
import { signatureHeader, signRequest } from '../../schemas/internal-signature';
import type { CaseActivities } from './types';

export interface EdgeConnection {
  /** Base URL of the Worker, e.g. http://127.0.0.1:8787 */
  edgeUrl: string;
  internalSecret: string;
}

/** Activities that write through the edge, which alone owns D1. */
export function createCaseActivities({ edgeUrl, internalSecret }: EdgeConnection): CaseActivities {
  return {
    async reportCaseEvent(caseId: string, event: CaseReport): Promise<void> {
      const path = `/internal/cases/${encodeURIComponent(caseId)}/events`;
      const body = JSON.stringify(event);
      const response = await fetch(new URL(path, edgeUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [signatureHeader]: await signRequest(internalSecret, 'POST', path, body),
        },
        body,
      });
      if (response.ok) return;
      const detail = `${response.status} ${await response.text()}`;
      // A refused report will be refused again; anything else (edge restarting, D1 busy) is worth retrying.
      if (response.status === 400 || response.status === 404 || response.status === 422) {
        throw ApplicationFailure.nonRetryable(`the edge refused event ${event.seq} of case ${caseId}: ${detail}`);
      }
      throw new Error(`the edge could not take event ${event.seq} of case ${caseId}: ${detail}`);
    },
  };
}
