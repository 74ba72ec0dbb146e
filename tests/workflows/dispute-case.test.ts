import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent, CaseWorkflowInput } from '../../schemas/case';
import { intakeSchemas } from '../../schemas/intake';
import { defaultSlaPolicy, type SlaPolicy } from '../../schemas/policy';
import { ensureTemporalCli } from '../../scripts/temporal-cli';
import { signatureHeader, verifyRequest } from '../../workers/internal/signature';
import { createCaseActivities } from '../../workflows/activities/report-case-event';
import { stateQuery } from '../../workflows/case/definitions';
import { workflowsPath } from '../../workflows/worker';

const secret = 'workflow-test-secret';
const secondsPolicy: SlaPolicy = { ...defaultSlaPolicy, warnAtShare: 0.5, firstContact: { rule: 'within', duration: 'PT3S' } };

/** Stands in for the edge's /internal route: checks each signature and keeps what arrives, refusing the first try of each. */
function recordingEdge() {
  const received: { caseId: string; event: CaseEvent }[] = [];
  const attempts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      const path = request.url ?? '';
      if (!(await verifyRequest(secret, request.headers[signatureHeader] as string, request.method!, path, body))) {
        response.writeHead(401).end();
        return;
      }
      const event = JSON.parse(body) as CaseEvent;
      const caseId = decodeURIComponent(path.split('/')[3]!);
      const key = `${caseId}#${event.seq}`;
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
      // An edge that is busy for a moment: the activity must retry until it gets through.
      if (attempts.get(key) === 1) {
        response.writeHead(503).end('busy');
        return;
      }
      received.push({ caseId, event });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"outcome":"applied"}');
    });
  });
  return { server, received, attempts };
}

function caseInput(policy: SlaPolicy): CaseWorkflowInput {
  const caseId = randomUUID();
  return {
    caseId,
    caseNumber: 'XH-LY-20261123-0001',
    channel: 'grid',
    jurisdictionCode: 'XH-LY',
    filedAt: new Date().toISOString(),
    intake: v.parse(intakeSchemas.grid, v.getExamples(intakeSchemas.grid)[0]),
    policy,
  };
}

describe('disputeCase workflow against a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  const edge = recordingEdge();
  let edgeUrl: string;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: ensureTemporalCli() } },
    });
    bundle = await bundleWorkflowCode({ workflowsPath, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } });
    await new Promise<void>((resolve) => edge.server.listen(0, '127.0.0.1', resolve));
    const address = edge.server.address();
    edgeUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    edge.server.close();
    await env?.teardown();
  });

  const runWorker = async <T>(taskQueue: string, body: () => Promise<T>) => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: createCaseActivities({ edgeUrl, internalSecret: secret }),
    });
    return worker.runUntil(body);
  };

  it('warns, then marks the case overdue when nobody contacts the parties in time; each report lands once', async () => {
    const taskQueue = `q-${randomUUID()}`;
    const input = caseInput(secondsPolicy);
    const history = await runWorker(taskQueue, async () => {
      const handle = await env.client.workflow.start('disputeCase', { taskQueue, workflowId: input.caseId, args: [input] });
      const planned = await handle.query(stateQuery);
      expect(Date.parse(planned.clocks.firstContact!.dueAt) - Date.parse(input.filedAt)).toBe(3_000);

      await waitUntil(() => edge.received.filter((r) => r.caseId === input.caseId).length === 2, 20_000);
      const state = await handle.query(stateQuery);
      expect(state.clocks.firstContact?.breachedAt).toBeDefined();
      expect(state.seq).toBe(2);
      const history = await handle.fetchHistory();
      await handle.terminate('test finished');
      return history;
    });

    const reports = edge.received.filter((r) => r.caseId === input.caseId).map((r) => r.event);
    expect(reports.map((e) => [e.seq, e.type, e.clock])).toEqual([
      [1, 'clock_warning', 'firstContact'],
      [2, 'clock_breached', 'firstContact'],
    ]);
    // The first try of each report was refused and retried; the edge still got each once.
    expect(edge.attempts.get(`${input.caseId}#1`)).toBe(2);
    expect(Date.parse(reports[1]!.at)).toBeGreaterThanOrEqual(Date.parse(reports[1]!.dueAt));

    const replay = await Worker.runReplayHistories({ workflowBundle: bundle }, [{ workflowId: input.caseId, history }]);
    for await (const result of replay) expect(result.error).toBeUndefined();
  });

  it('rejects an input that breaks the schema instead of running a case with holes in it', async () => {
    const taskQueue = `q-${randomUUID()}`;
    const input = { ...caseInput(secondsPolicy), policy: { ...secondsPolicy, utcOffset: 'Beijing' } };
    await runWorker(taskQueue, async () => {
      const handle = await env.client.workflow.start('disputeCase', {
        taskQueue,
        workflowId: input.caseId,
        args: [input],
        workflowTaskTimeout: '2s',
      });
      // A workflow task that throws is retried, never completed: the case waits, visibly stuck, for a fix.
      await waitUntil(async () => (await handle.fetchHistory()).events?.some((e) => e.workflowTaskFailedEventAttributes) ?? false, 20_000);
      await handle.terminate('test finished');
    });
  });
});

async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
