import { ApplicationFailure } from '@temporalio/activity';
import { signatureHeader, signRequest } from '../../schemas/internal-signature';

export interface EdgeConnection {
  /** Base URL of the Worker, e.g. http://127.0.0.1:8787 */
  edgeUrl: string;
  internalSecret: string;
}

/** Posts a signed report to the edge's /internal routes; `what` names it in the failure. */
export async function postToEdge({ edgeUrl, internalSecret }: EdgeConnection, path: string, report: unknown, what: string, requestId?: string): Promise<void> {
  const body = JSON.stringify(report);
  const response = await fetch(new URL(path, edgeUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [signatureHeader]: await signRequest(internalSecret, 'POST', path, body),
      ...(requestId ? { 'x-request-id': requestId } : {}),
    },
    body,
  });
  if (response.ok) return;
  const detail = `${response.status} ${await response.text()}`;
  // A refused report will be refused again; anything else (edge restarting, D1 busy) is worth retrying.
  if (response.status === 400 || response.status === 404 || response.status === 422) {
    throw ApplicationFailure.nonRetryable(`the edge refused ${what}: ${detail}`);
  }
  throw new Error(`the edge could not take ${what}: ${detail}`);
}
