import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import * as v from 'valibot';
import { refusalOfFailure } from '../../workers/sync/gateway';
import { refusalReason } from '../../workers/i18n/refusals';
import type { CaseReport } from '../../schemas/case-event';
import type { CaseState } from '../../schemas/case-state';
import type { CaseWorkflowInput } from '../../schemas/workflow-input';
import { intakeSchemas, type IntakeInput } from '../../schemas/intake';
import { defaultSlaPolicy } from '../../domain/policy';
import type { SlaPolicy } from '../../schemas/policy';
import type { StepUpdate } from '../../schemas/steps';
import { ensureTemporalCli } from '../../scripts/temporal-cli';
import { signatureHeader, verifyRequest } from '../../schemas/internal-signature';
import { createBatchActivities } from '../../workflows/activities/report-batch-event';
import { createCaseActivities } from '../../workflows/activities/report-case-event';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { expect } from 'vitest';
import type { StepName, stepPayloadSchemas } from '../../schemas/steps';
import { answeredReports, stateQuery, stepUpdate } from '../../workflows/definitions';
import { workflowsPath } from '../../workflows/worker';

export const internalSecret = 'workflow-test-secret';

/** A report as a test reads it: the detail by key, whatever the event's type. */
export type CaseEvent = Omit<CaseReport, 'detail'> & { detail: Record<string, any> };

/** The default policy's shape with every span in seconds, so a whole case lives in a test. */
export const secondsPolicy: SlaPolicy = {
  ...defaultSlaPolicy,
  warnAtShare: 0.5,
  firstContact: { rule: 'within', duration: 'PT4S' },
  accept: 'PT3S',
  followUpEvery: 'PT3S',
  resolveWithin: { grassroots: 'PT120S', judicial: 'PT120S', joint: 'PT120S' },
  departmentReportWithin: 'PT3S',
  returnVisitsAfter: ['PT1S', 'PT2S'],
  acknowledgeEscalationWithin: 'PT3S',
};

/**
 * Stands in for the edge's /internal route: checks every signature and keeps each report once, by (case, seq),
 * as D1 does. `refuseFirstTry` makes it answer 503 to the first try of every report, like an edge restarting.
 */
export function recordingEdge(options: { refuseFirstTry?: boolean } = {}) {
  const received: { caseId: string; event: CaseEvent }[] = [];
  const attempts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      const path = request.url ?? '';
      if (!(await verifyRequest(internalSecret, request.headers[signatureHeader] as string, request.method!, path, body))) {
        response.writeHead(401).end();
        return;
      }
      const event = JSON.parse(body) as CaseEvent;
      const caseId = decodeURIComponent(path.split('/')[3]!);
      const key = `${caseId}#${event.seq}`;
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
      if (options.refuseFirstTry && attempts.get(key) === 1) {
        response.writeHead(503).end('busy');
        return;
      }
      if (!received.some((r) => r.caseId === caseId && r.event.seq === event.seq)) received.push({ caseId, event });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"outcome":"applied"}');
    });
  });
  const eventsOf = (caseId: string) => received.filter((r) => r.caseId === caseId).map((r) => r.event);
  /** What the edge does with the reports a step answers with: keeps each it does not hold yet. */
  const recordAnswered = (caseId: string, reports: readonly CaseReport[]) => {
    for (const event of reports) if (!received.some((r) => r.caseId === caseId && r.event.seq === event.seq)) received.push({ caseId, event: event as CaseEvent });
  };
  return { server, received, attempts, eventsOf, recordAnswered };
}

export type RecordingEdge = ReturnType<typeof recordingEdge>;

/** A real Temporal dev server, the workflow bundle built once, and an edge that records what it is told. */
export async function startWorkflowEnv(edgeOptions: { refuseFirstTry?: boolean } = {}) {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: ensureTemporalCli() } } });
  const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };
  const bundle: WorkflowBundleWithSourceMap = await bundleWorkflowCode({ workflowsPath, logger: quiet });
  const edge = recordingEdge(edgeOptions);
  await new Promise<void>((resolve) => edge.server.listen(0, '127.0.0.1', resolve));
  const address = edge.server.address();
  const edgeUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const createWorker = (taskQueue: string) =>
    Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: { ...createCaseActivities({ edgeUrl, internalSecret }), ...createBatchActivities({ edgeUrl, internalSecret }) },
    });

  return {
    env,
    bundle,
    edge,
    createWorker,
    /** Runs `body` while a worker polls a fresh task queue. */
    async withWorker<T>(body: (taskQueue: string) => Promise<T>): Promise<T> {
      const taskQueue = `q-${randomUUID()}`;
      const worker = await createWorker(taskQueue);
      return worker.runUntil(body(taskQueue));
    },
    async teardown() {
      edge.server.close();
      await env.teardown();
    },
  };
}

export type WorkflowEnv = Awaited<ReturnType<typeof startWorkflowEnv>>;

export function caseInput(policy: SlaPolicy, intake: Partial<IntakeInput<'grid'>> = {}): CaseWorkflowInput & { caseId: string } {
  const example = v.getExamples(intakeSchemas.grid)[0] as IntakeInput<'grid'>;
  return {
    caseId: randomUUID(),
    caseNumber: 'XH-LY-20261123-0001',
    channel: 'grid',
    jurisdictionCode: 'XH-LY',
    filedAt: new Date().toISOString(),
    // A calm report by default: the example's knife threat would be read as a risk to confirm.
    intake: v.parse(intakeSchemas.grid, { ...example, summary: '楼下烧烤店油烟扰民，双方多次争吵，希望社区出面协调。', riskFlags: [], ...intake }),
    policy,
    // The backstop's delivery of a step's reports comes within the test's waits, so every test sees it land once.
    backstopAfterMs: 1_000,
  };
}

export const mediator = { id: 'demo-mediator-ly', role: 'mediator' as const, name: '赵调解员' };
export const supervisor = { id: 'demo-supervisor-ly', role: 'supervisor' as const, name: '灵隐所指挥室' };

/** A step as the edge would send it. */
export const step = <S extends StepUpdate['step']>(name: S, payload: Extract<StepUpdate, { step: S }>['payload'], actor: StepUpdate['actor'] = mediator) =>
  ({ step: name, actor, payload }) as StepUpdate;

export async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Payload<S extends StepName> = v.InferInput<(typeof stepPayloadSchemas)[S]>;

/**
 * Takes a step as the edge sends it and records the reports it answers with, as the edge does (the activity delivers
 * them again later, the backstop); then the case as the workflow holds it.
 */
export async function takeStepOn(world: WorkflowEnv, handle: WorkflowHandle, caseId: string, update: StepUpdate): Promise<CaseState> {
  const answer = await handle.executeUpdate(stepUpdate, { args: [update] });
  world.edge.recordAnswered(caseId, answeredReports(answer));
  return handle.query(stateQuery);
}

/** Opens a case on `taskQueue` and gives the steps a mediator or supervisor would take on it. */
export async function openCaseOn(world: WorkflowEnv, taskQueue: string, input: CaseWorkflowInput & { caseId: string }) {
  const handle = await world.env.client.workflow.start('disputeCase', { taskQueue, workflowId: input.caseId, args: [input] });
  const events = () => world.edge.eventsOf(input.caseId);
  const types = () => events().map((e) => e.type);
  const run = <S extends StepName>(name: S, payload: Payload<S>, actor: StepUpdate['actor'] = mediator) =>
    takeStepOn(world, handle, input.caseId, step(name, payload as never, actor));
  /** The reason a refused step gives, as the API words it; a refused step must leave nothing on the timeline. */
  const refusal = async <S extends StepName>(name: S, payload: Payload<S>, actor: StepUpdate['actor'] = mediator) => {
    const before = events().length;
    const error = await run(name, payload, actor).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, `${name} should be refused`).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(events()).toHaveLength(before);
    return refusalReason(refusalOfFailure((error as WorkflowUpdateFailedError).cause?.message));
  };
  const state = () => handle.query(stateQuery);
  /**
   * What a station does before a mediator works a case: the supervisor dispatches it to them (`assign`, with any
   * further assign payload such as the joint route's departments) and they accept it. Returns the accepted state.
   */
  const dispatch = async (to: StepUpdate['actor'] = mediator, assign: Omit<Payload<'assign'>, 'mediatorId'> = {}) => {
    await run('assign', { mediatorId: to.id, mediatorName: to.name, ...assign }, supervisor);
    return run('accept', {}, to);
  };
  await waitUntil(() => types().includes('triaged'), 10_000, 'triage report');
  return { caseId: input.caseId, handle, events, types, run, refusal, state, dispatch };
}
