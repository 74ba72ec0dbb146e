import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { rateLimitPeriodSeconds } from '../../workers/middleware/rate-limit';
import { projectRoot } from '../../scripts/temporal-cli';
import type { Stack } from '../../scripts/stack';
import { fileCase, newMarker } from '../support/case-lists';
import { apiAs, edgeOnlyStack, tokenOf } from '../support/stack';

/** The limit as deployed: the test reads wrangler.toml, the same file `wrangler dev` and `wrangler deploy` read. */
const [callerLimit] = unstable_readConfig({ config: join(projectRoot, 'wrangler.toml') }).ratelimits ?? [];
const { limit, period } = callerLimit!.simple;

let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;
const as = (id: string) => apiAs(stack, tokenOf(stack, id));

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
});
afterAll(async () => stack?.stop());

/**
 * Sends requests, 32 at a time, until one is refused, and answers every status seen. The cheapest request there is
 * (an unknown path) counts as much as any: the limiter counts the caller's requests before routing them.
 */
async function flood(api: ReturnType<typeof apiAs>) {
  const statuses: number[] = [];
  while (!statuses.includes(429) && statuses.length < 4 * limit) {
    const answers = await Promise.all(Array.from({ length: 32 }, () => api('/api/no-such-route')));
    for (const answer of answers) {
      statuses.push(answer.status);
      await answer.body?.cancel();
    }
  }
  return statuses;
}

/** Floods, then asks `probe`; once more should the window have turned between the two. */
async function refusedAfterFlood(api: ReturnType<typeof apiAs>, probe: () => Promise<Response>) {
  let statuses: number[] = [];
  let answer: Response | undefined;
  for (let attempt = 0; attempt < 3 && answer?.status !== 429; attempt++) {
    statuses = await flood(api);
    answer = await probe();
  }
  return { statuses, answer: answer! };
}

describe('per-caller rate limits', () => {
  it('is the window the edge tells a refused caller to wait out', () => {
    expect(callerLimit?.name).toBe('CALLER_LIMIT');
    expect(rateLimitPeriodSeconds).toBe(period);
  });

  it('refuses one token’s burst with 429 and Retry-After, never a 5xx, while another token goes on', async () => {
    const filed = await fileCase(gridWorker, newMarker());
    const mediator = as('demo-mediator-ly');
    const supervisor = as('demo-supervisor-ly');
    const { statuses, answer } = await refusedAfterFlood(mediator, () => mediator(`/api/cases/${filed.id}`));

    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 404).length).toBeGreaterThanOrEqual(limit - 32);
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('retry-after'))).toBe(period);
    expect(await answer.json()).toMatchObject({ error: 'rate_limited' });

    // Same station, same case, another token: untouched by the mediator's burst.
    const other = await supervisor(`/api/cases/${filed.id}`);
    expect(other.status).toBe(200);
    expect(((await other.json()) as { id: string }).id).toBe(filed.id);
  });

  it('is in the API document for every route a caller reaches, and not for the workflow’s reports', async () => {
    const document = (await (await as('demo-admin')('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, any> }>> };
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const limited = !path.startsWith('/internal/') && path !== '/healthz';
        expect(Boolean(operation.responses[429]?.headers?.['Retry-After']), `${method} ${path}`).toBe(limited);
      }
    }
  });

  it('counts callers without a token by their address, apart from the tokens', async () => {
    const anonymous = apiAs(stack, undefined);
    const { statuses, answer } = await refusedAfterFlood(anonymous, () => anonymous('/api/cases'));
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe(String(period));
    expect((await as('demo-supervisor-xh')('/api/cases?limit=1')).status).toBe(200);
  });
});
