import * as v from 'valibot';
import { intakeSchemas } from '../../schemas/intake';
import type { Channel } from '../../schemas/vocabulary';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlaPolicy } from '../../schemas/policy';
import { CountyStack } from '../../scripts/county-stack';
import { Stack, type StackOptions } from '../../scripts/stack';
import { pickClusterPorts } from '../../scripts/temporal-cluster';
import { freePort } from './ports';

/** The two stacks the app runs on: the development one (`npm start`'s) and the county's (`npm run serve`'s). */
export type StackTarget = 'development' | 'county';

/** Which stack the tests drive: the development one (`npm start`'s), or the county's (`npm run serve`'s). */
export const testTarget = process.env.FENGQIAO_TARGET === 'county' ? 'county' : 'development';

/**
 * A whole stack on free ports with its own data directory, removed on stop unless FENGQIAO_KEEP_TEST_DATA is set: the
 * development stack, or with FENGQIAO_TARGET=county the county's (the vitest project `county`).
 */
export async function testStack(overrides: Partial<StackOptions> & { slaPolicy?: SlaPolicy } = {}): Promise<Stack> {
  return testStackOn(testTarget, overrides);
}

/** The same stack on the target the caller names, whatever FENGQIAO_TARGET says: a benchmark runs both in one process. */
export async function testStackOn(target: StackTarget, overrides: Partial<StackOptions> & { slaPolicy?: SlaPolicy } = {}): Promise<Stack> {
  const options = await testStackOptions(overrides);
  if (target === 'development') return new Stack(options);
  return new CountyStack({ ...options, clusterPorts: await pickClusterPorts(freePort) });
}

async function testStackOptions(overrides: Partial<StackOptions>): Promise<StackOptions> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'fengqiao-test-'));
  return {
    dataDir,
    grpcPort: await freePort(),
    temporalHttpPort: await freePort(),
    uiPort: null,
    edgePort: await freePort(),
    internalSecret: 'test-internal-secret',
    operatorToken: 'test-operator-token',
    taskQueue: `test-cases-${Math.random().toString(36).slice(2, 8)}`,
    outboxDrainMs: 1_000,
    output: { logDir: join(dataDir, 'logs') },
    // Set FENGQIAO_KEEP_TEST_DATA=1 to keep the data and logs for a look after the run.
    removeDataDirOnStop: !process.env.FENGQIAO_KEEP_TEST_DATA,
    ...overrides,
  };
}

/** A fetch that speaks to the stack's edge as one user. */
export function apiAs(stack: Stack, token: string | undefined) {
  return (path: string, init: RequestInit = {}) =>
    fetch(`${stack.edgeUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
}

export const tokenOf = (stack: Stack, id: string) => {
  const user = stack.demoUsers.find((u) => u.id === id);
  if (!user) throw new Error(`no demo user ${id}`);
  return user.token;
};

/**
 * A channel's example intake at an address and phone of its own: the same address or phone within a year is a
 * repeat and would land on the earlier case.
 */
export function freshIntake(channel: Channel): Record<string, any> {
  const intake = structuredClone(v.getExamples(intakeSchemas[channel])[0]) as Record<string, any>;
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  intake.where.address = `${intake.where.address} ${unique}`;
  intake.parties = intake.parties.map((party: Record<string, unknown>) => {
    const { phone: _, ...rest } = party;
    return rest;
  });
  return intake;
}

/**
 * The edge alone, in workerd with a local D1, Temporal left unreachable: cases stay queued in the outbox.
 * `beforeEdge` writes more into D1 after the seed, as the seed does.
 */
export async function edgeOnlyStack(beforeEdge?: (stack: Stack) => Promise<void>, overrides: Partial<StackOptions> = {}) {
  const stack = await testStack({ outboxDrainMs: 3_600_000, ...overrides });
  try {
    await stack.prepareDatabase();
    await beforeEdge?.(stack);
    await stack.startEdge();
  } catch (error) {
    // The caller never holds a stack that failed to start, so it could not stop what had started: stop it here.
    await stack.stop();
    throw error;
  }
  return { stack, gridWorker: apiAs(stack, tokenOf(stack, 'demo-grid-ly')) };
}

/** Signs a demo user in through the sign-in form, as a browser does, and gives back the session cookie to send. */
export async function sessionCookieOf(stack: Stack, id: string): Promise<string> {
  const response = await fetch(`${stack.edgeUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl },
    body: new URLSearchParams({ token: tokenOf(stack, id) }),
  });
  if (response.status !== 303) throw new Error(`signing ${id} in: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** A case as the API answers it once `done` holds of it: what the workflow does reaches D1 a moment after the call that set it off. */
export async function caseUntil<View extends { id: string }>(api: ReturnType<typeof apiAs>, id: string, done: (view: View) => boolean, timeoutMs = 60_000): Promise<View> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await (await api(`/api/cases/${id}`)).json()) as View;
    if (done(view)) return view;
    if (Date.now() > deadline) throw new Error(`case ${id} did not get there: ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
