import { Client, Connection } from '@temporalio/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickClusterPorts, TemporalCluster } from '../../scripts/temporal-cluster';
import { freePort } from '../support/ports';

/** The county target's Temporal: the production server on its own PostgreSQL, crashed and restarted part by part. */

let dir: string;
let cluster: TemporalCluster;
let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fengqiao-county-'));
  cluster = new TemporalCluster({ dataDir: join(dir, 'data'), logDir: join(dir, 'logs'), ports: await pickClusterPorts(freePort) });
  await cluster.start();
  connection = await Connection.connect({ address: cluster.grpcAddress });
  temporal = new Client({ connection });
});

afterAll(async () => {
  await connection?.close();
  await cluster?.stop();
  // Set FENGQIAO_KEEP_TEST_DATA=1 to keep the data and logs for a look after the run.
  if (dir && !process.env.FENGQIAO_KEEP_TEST_DATA) rmSync(dir, { recursive: true, force: true });
});

const getJson = async (path: string) => {
  const response = await fetch(`${cluster.httpUrl}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

/** Right after a restart the server may still be taking its shards back; a caller retries, as the edge does. */
async function eventually<T>(what: string, attempt: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} did not succeed within ${timeoutMs / 1000} s: ${error}`);
      await sleep(500);
    }
  }
}

// No worker polls this queue: the workflow stays running with its first task scheduled, which is all we look for.
const taskQueue = `county-${Math.random().toString(36).slice(2, 8)}`;
const workflowId = `county-case-${Date.now()}`;

/** Described from history, listed from visibility, and written to again: both databases answer. */
const stillThere = async () => {
  const handle = temporal.workflow.getHandle(workflowId);
  const description = await eventually('describing the workflow', () => handle.describe());
  expect(description.status.name).toBe('RUNNING');
  expect(description.taskQueue).toBe(taskQueue);
  await eventually('signalling the workflow', () => handle.signal('nudge'));
  expect((await handle.describe()).historyLength).toBeGreaterThan(description.historyLength);
  const listed = await eventually('listing the workflow', async () => {
    const ids: string[] = [];
    for await (const execution of temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) ids.push(execution.workflowId);
    if (ids.length === 0) throw new Error('not listed yet');
    return ids;
  });
  expect(listed).toEqual([workflowId]);
};

describe('the county Temporal cluster', () => {
  it('answers on its HTTP API with namespace default, four history shards, and its own metrics', async () => {
    const namespace = await getJson('/api/v1/namespaces/default');
    expect(namespace.status).toBe(200);
    expect(namespace.body.namespaceInfo.name).toBe('default');
    const info = await getJson('/api/v1/cluster-info');
    expect(info.body.historyShardCount).toBe(4);
    expect(info.body.persistenceStore).toBe('postgres12');
    expect(info.body.visibilityStore).toBe('postgres12');
    const metrics = await fetch(cluster.metricsUrl);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^# TYPE \w+ /m);
  });

  it('keeps a started workflow when PostgreSQL is killed and started again', async () => {
    await temporal.workflow.start('disputeCase', { taskQueue, workflowId, args: [] });
    await stillThere();
    await cluster.killPostgres();
    await cluster.startPostgres();
    await stillThere();
  });

  it('keeps it when the server is killed and started again, and through a graceful restart', async () => {
    await cluster.killTemporal();
    await expect(fetch(`${cluster.httpUrl}/api/v1/cluster-info`)).rejects.toThrow();
    await cluster.startTemporal();
    await stillThere();
    await cluster.restartTemporal();
    await stillThere();
  });
});
