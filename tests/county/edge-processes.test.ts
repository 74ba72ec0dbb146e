import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, spawnLogged, stopProcess, waitUntil } from '../../scripts/processes';
import { seedDemoData, type DemoUser } from '../../scripts/seed';
import { projectRoot } from '../../scripts/temporal-cli';
import { openSqliteFile } from '../../server/database';
import { applyMigrations } from '../../server/migrations';
import { freePort } from '../support/ports';
import { freshIntake } from '../support/stack';

/**
 * Two county edge processes on one SQLite file, where nginx would stand in front of them (FENGQIAO_BEHIND_PROXY=1);
 * Temporal is left unreachable, so filings wait in the outbox.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'fengqiao-edges-'));
const callerLimit = 40;
const operatorToken = 'edge-processes-operator-token';
const edges: ChildProcess[] = [];
const edgeUrls: string[] = [];
let demoUsers: DemoUser[];

beforeAll(async () => {
  const databaseFile = join(dataDir, 'fengqiao.sqlite');
  const { db, client } = await openSqliteFile(databaseFile);
  await applyMigrations(db);
  client.close();
  for (const index of [1, 2]) {
    const port = await freePort();
    const edge = spawnLogged(process.execPath, ['--import', 'tsx', join(projectRoot, 'server', 'edge.ts')], join(dataDir, `edge-${index}.log`), {
      env: {
        ...process.env,
        FENGQIAO_DATABASE: databaseFile,
        FENGQIAO_PORT: String(port),
        FENGQIAO_BEHIND_PROXY: '1',
        FENGQIAO_CALLER_LIMIT: String(callerLimit),
        INTERNAL_SECRET: 'edge-processes-internal-secret',
        OPERATOR_TOKEN: operatorToken,
        TEMPORAL_HTTP_URL: 'http://127.0.0.1:9',
      },
    });
    edges.push(edge);
    edgeUrls.push(`http://127.0.0.1:${port}`);
    await waitUntil(`county edge ${index}`, answers(`http://127.0.0.1:${port}/healthz`), edge, 60_000);
  }
  demoUsers = await seedDemoData(dataDir, { edgeUrl: edgeUrls[0]!, operatorToken });
});

afterAll(async () => {
  for (const edge of edges) await stopProcess(edge, 'SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

const tokenOf = (id: string) => demoUsers.find((user) => user.id === id)!.token;

/** A sign-in form as an older browser posts it through nginx: an https Origin of the same host, no Sec-Fetch-Site. */
const signIn = (edgeUrl: string, headers: Record<string, string>) =>
  fetch(`${edgeUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: edgeUrl.replace('http:', 'https:'), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ login: 'nobody', password: 'not-a-password' }),
  });

describe('county edge processes behind nginx, on one SQLite file', () => {
  it('take filings through both at once: each lands once, none fails on the other’s write', async () => {
    const token = tokenOf('demo-grid-ly');
    const filings = Array.from({ length: 24 }, (_, index) =>
      fetch(`${edgeUrls[index % 2]}/api/intake/grid`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-real-ip': `10.0.0.${index}` },
        body: JSON.stringify(freshIntake('grid')),
      }),
    );
    const answered = await Promise.all(filings);
    expect(answered.map((answer) => answer.status)).toEqual(answered.map(() => 201));
    const ids = await Promise.all(answered.map(async (answer) => ((await answer.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(ids.length);
    const supervisor = tokenOf('demo-supervisor-ly');
    for (const [index, id] of ids.entries()) {
      const read = await fetch(`${edgeUrls[(index + 1) % 2]}/api/cases/${id}`, { headers: { authorization: `Bearer ${supervisor}` } });
      expect(read.status).toBe(200);
    }
    const health = (await (await fetch(`${edgeUrls[1]}/healthz`)).json()) as { outbox: { pending: number } };
    expect(health.outbox.pending).toBeGreaterThanOrEqual(ids.length);
  });

  it('share one caller limit: a caller who spreads a burst over both is refused once the two together reach it', async () => {
    const token = tokenOf('demo-mediator-ly');
    const statuses: number[] = [];
    for (let index = 0; index < callerLimit + 10 && !statuses.includes(429); index++) {
      const answer = await fetch(`${edgeUrls[index % 2]}/api/cases?limit=1`, { headers: { authorization: `Bearer ${token}` } });
      statuses.push(answer.status);
      await answer.body?.cancel();
    }
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(callerLimit);
    expect(statuses.at(-1)).toBe(429);
  });

  it('take the scheme the browser used from X-Forwarded-Proto: an https form is not refused as coming from elsewhere', async () => {
    const viaNginx = await signIn(edgeUrls[0]!, { 'x-forwarded-proto': 'https', 'x-real-ip': '10.1.2.3' });
    expect(viaNginx.status).not.toBe(403);
    expect(await viaNginx.text()).toContain('用户名或密码不正确');
    // Without the header the edge compares the https Origin with the plain http it was reached by, and refuses.
    expect((await signIn(edgeUrls[0]!, { 'x-real-ip': '10.1.2.4' })).status).toBe(403);
  });
});
