import type { Client } from '@temporalio/client';
import type { Stack } from '../../scripts/stack';

const describeAtOnce = 16;

export interface AnsweredCasesFound {
  answered: number;
  /** In D1 and with a workflow in Temporal. */
  kept: number;
  /** Opened by their workflow's first report, which reached D1. */
  opened: number;
  /** Answered for, but missing from D1 or without a workflow when the wait ended. */
  lost: string[];
}

/** Every case the caller can list, with its status: all statuses, newest first, a page of the most rows at a time. */
async function statusesInD1(stack: Stack, token: string): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ status: 'all', sort: 'newest', limit: '500', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${stack.edgeUrl}/api/cases?${query}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
    if (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 10) * 1000));
      continue;
    }
    if (response.status !== 200) throw new Error(`listing the cases: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
    const page = (await response.json()) as { rows: { id: string; status: string }[]; nextCursor: string | null };
    for (const row of page.rows) statuses.set(row.id, row.status);
    cursor = page.nextCursor;
  } while (cursor);
  return statuses;
}

/**
 * Looks for every case an intake answered for in D1 (through the list as `token`'s holder reads it) and in Temporal
 * (its workflow, by the case's ID). Waits up to `waitMs` for each to have its workflow (the outbox starts what the
 * answer's own start missed) and to be opened by its workflow's first report, as it is once the worker has worked
 * through the backlog the run left.
 */
export async function lookForAnsweredCases(stack: Stack, client: Client, token: string, answered: Iterable<string>, waitMs: number): Promise<AnsweredCasesFound> {
  const ids = new Set(answered);
  const missing = new Set(ids);
  const unopened = new Set(ids);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const statuses = await statusesInD1(stack, token);
    const inD1 = [...missing].filter((id) => statuses.has(id));
    for (let from = 0; from < inD1.length; from += describeAtOnce) {
      const slice = inD1.slice(from, from + describeAtOnce);
      const started = await Promise.all(slice.map((id) => client.workflow.getHandle(id).describe().then(() => true, () => false)));
      slice.forEach((id, i) => started[i] && missing.delete(id));
    }
    for (const id of [...unopened]) if (statuses.has(id) && statuses.get(id) !== 'queued') unopened.delete(id);
    if ((missing.size === 0 && unopened.size === 0) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  return { answered: ids.size, kept: ids.size - missing.size, opened: ids.size - unopened.size, lost: [...missing] };
}
