import type { Stack } from '../../scripts/stack';
import { apiAs, freshIntake } from '../../tests/support/stack';

/** A bearer token's holder speaking to the edge: the answer's status, body and Server-Timing, whatever the status. */
export function edgeCaller(stack: Stack, token: string) {
  const api = apiAs(stack, token);
  return async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const response = await api(path, { method: init.method ?? 'GET', body, signal: AbortSignal.timeout(30_000) });
    return { status: response.status, body: await response.text(), timing: response.headers.get('server-timing') };
  };
}

export type EdgeCaller = ReturnType<typeof edgeCaller>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a request until it answers `wanted`: a case just filed is opened by its workflow a moment later, and until then
 * a step on it is refused or answered 503. Throws with the last answer once `deadline` (on `Date.now()`) has passed.
 */
async function until(what: string, deadline: number, wanted: (status: number, body: string) => boolean, send: () => Promise<{ status: number; body: string }>) {
  for (;;) {
    const answer = await send();
    if (wanted(answer.status, answer.body)) return answer;
    if (Date.now() > deadline) throw new Error(`${what}: still HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
    await pause(500);
  }
}

/**
 * Files `count` hard cases on the grid channel (the example's risk flag makes each one hard), waits for their workflows
 * to open them, has the station dispatch each to the mediator and the mediator accept it. A hard case the mediator has
 * accepted takes a follow-up report as often as the mediator sends one, so every step measured on it is allowed.
 */
export async function acceptedHardCases(
  callers: { gridWorker: EdgeCaller; station: EdgeCaller; mediator: EdgeCaller },
  mediatorId: string,
  count: number,
  waitMs = 120_000,
): Promise<string[]> {
  const deadline = Date.now() + waitMs;
  const prepareOne = async () => {
    const filed = await callers.gridWorker('/api/intake/grid', { method: 'POST', body: freshIntake('grid') });
    if (filed.status !== 201) throw new Error(`filing a case: HTTP ${filed.status} ${filed.body.slice(0, 200)}`);
    const { id } = JSON.parse(filed.body) as { id: string };
    const isOpen = (status: number, body: string) => status === 200 && (JSON.parse(body) as { status: string }).status === 'open';
    await until(`case ${id} opened`, deadline, isOpen, () => callers.station(`/api/cases/${id}`));
    await until(`case ${id} dispatched`, deadline, (status) => status === 200, () => callers.station(`/api/cases/${id}/steps/assign`, { method: 'POST', body: { mediatorId } }));
    // An accept that answered 503 may have been taken: sent again, it is refused as taken already.
    const accepted = (status: number, body: string) => status === 200 || (status === 409 && body.includes('alreadyAccepted'));
    await until(`case ${id} accepted`, deadline, accepted, () => callers.mediator(`/api/cases/${id}/steps/accept`, { method: 'POST', body: {} }));
    return id;
  };
  // A few at a time: the preparation is not measured and need not crowd the machine.
  const ids: string[] = [];
  for (let from = 0; from < count; from += 4) ids.push(...(await Promise.all(Array.from({ length: Math.min(4, count - from) }, prepareOne))));
  return ids;
}
