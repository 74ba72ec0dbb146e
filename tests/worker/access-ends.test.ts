import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, tokenOf } from '../support/stack';

/**
 * When access ends, it ends on every door: the API, the pages and the downloads. Each probe is a supervisor (whose
 * board has both a page and a download) with a token and a page session, whose access then ends one way. Sessions
 * end after 3 s idle here; wrong passwords wait a millisecond, so a lock is reached in a test's time.
 */
let stack: Stack;
let admin: ReturnType<typeof apiAs>;
let nextAddress = 1;

beforeAll(async () => {
  ({ stack } = await edgeOnlyStack(undefined, { sessionSeconds: { idle: 3, max: 60 }, signInFirstWaitMs: 1 }));
  admin = apiAs(stack, tokenOf(stack, 'demo-admin'));
});
afterAll(async () => stack?.stop());

const json = async (response: Response) => (await response.json()) as any;
/** Each sign-in from an address of its own: the per-address limit is not what these probes are about. */
const signInForm = (fields: Record<string, string>, cookie?: string, path = '/login') =>
  fetch(`${stack.edgeUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl, 'cf-connecting-ip': `10.7.0.${nextAddress++}`, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  });

/** A supervisor of 灵隐 with a token and a page session begun with a password of their own. */
async function probe(id: string) {
  const made = await json(await admin('/api/users', { method: 'POST', body: JSON.stringify({ id, name: '探测指挥员', role: 'supervisor', jurisdictionCode: 'XH-LY' }) }));
  const issued = await json(await admin(`/api/users/${id}/tokens`, { method: 'POST', body: JSON.stringify({ name: '探测', expiresInDays: 7 }) }));
  const first = await signInForm({ login: id, password: made.oneTimeCode });
  const password = 'a probe’s pass phrase';
  await signInForm({ password, repeat: password }, first.headers.get('set-cookie')!.split(';')[0]!, '/account/password');
  const signedIn = await signInForm({ login: id, password });
  expect(signedIn.status).toBe(303);
  return { id, token: issued.token as string, tokenId: issued.id as string, cookie: signedIn.headers.get('set-cookie')!.split(';')[0]! };
}

type Probe = Awaited<ReturnType<typeof probe>>;

/** What each door answers the probe's token and session: API and its ledger download, the board page and its download. */
async function doors({ token, cookie }: Probe) {
  const api = apiAs(stack, token);
  const page = (path: string) => fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', headers: { cookie } });
  return {
    api: (await api('/api/cases?limit=1')).status,
    apiDownload: (await api('/api/cases?format=csv')).status,
    page: (await page('/board')).status,
    pageDownload: (await page('/board.csv')).status,
  };
}

const open = { api: 200, apiDownload: 200, page: 200, pageDownload: 200 };
const shut = { api: 401, apiDownload: 401, page: 303, pageDownload: 303 };

describe('every door shuts', () => {
  it('for a deactivated user', async () => {
    const user = await probe('probe-disabled');
    expect(await doors(user)).toEqual(open);
    expect((await admin(`/api/users/${user.id}/disable`, { method: 'POST' })).status).toBe(200);
    expect(await doors(user)).toEqual(shut);
  });

  it('for a locked account', async () => {
    const user = await probe('probe-locked');
    expect(await doors(user)).toEqual(open);
    let answer = 0;
    for (let tries = 0; tries < 20 && answer !== 403; tries++) {
      answer = (await signInForm({ login: user.id, password: 'not the pass phrase' })).status;
      if (answer === 429) await sleep(150);
    }
    expect(answer).toBe(403);
    expect(await doors(user)).toEqual(shut);
  });

  it('for a session past its idle end (the token, made for a program, still works)', async () => {
    const user = await probe('probe-idle');
    expect(await doors(user)).toEqual(open);
    await sleep(3_500);
    expect(await doors(user)).toEqual({ ...open, page: 303, pageDownload: 303 });
  });

  it('for a revoked token (the person’s own session goes on)', async () => {
    const user = await probe('probe-revoked');
    expect(await doors(user)).toEqual(open);
    expect((await admin(`/api/users/${user.id}/tokens/${user.tokenId}`, { method: 'DELETE' })).status).toBe(200);
    expect(await doors(user)).toEqual({ ...open, api: 401, apiDownload: 401 });
    expect((await signInForm({ token: user.token })).status).toBe(401);
  });
});
