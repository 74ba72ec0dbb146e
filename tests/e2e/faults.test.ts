import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../../domain/policy';
import type { SlaPolicy } from '../../schemas/policy';
import type { CountyStack } from '../../scripts/county-stack';
import type { Stack } from '../../scripts/stack';
import { apiAs, freshIntake, testStack, testTarget, tokenOf } from '../support/stack';

/**
 * The whole stack under faults, on either target (the county's adds PostgreSQL restarted and an edge process killed
 * amid filings): the worker killed, the Temporal server restarted, the edge gone between a filing's
 * commit and its workflow start, and the edge's /internal routes away while workflows report. Each hard case below
 * runs the same clocks without anyone touching it, so what it must report is known in advance (seconds after filing,
 * when nothing holds the workflow up; a fault only moves the acknowledgement clock, which starts at the escalation):
 *
 *   5 s  first contact warns          8 s  dispatch warns
 *  10 s  first contact breaches, the station is told (level 1) and its acknowledgement clock starts
 *  15 s  acknowledgement warns       16 s dispatch breaches (the station already knows: no second escalation)
 *  20 s  acknowledgement breaches, the county is told (level 2)
 */
const faultPolicy: SlaPolicy = {
  ...defaultSlaPolicy,
  warnAtShare: 0.5,
  firstContact: { rule: 'within', duration: 'PT10S' },
  dispatchWithin: 'PT16S',
  acknowledgeEscalationWithin: 'PT10S',
  accept: 'PT1H',
  followUpEvery: 'PT1H',
  resolveWithin: { grassroots: 'PT1H', judicial: 'PT1H', joint: 'PT1H' },
  departmentReportWithin: 'PT1H',
};

/** Every clock report such a case owes, each exactly once. */
const scheduledReports = [
  'clock_warning firstContact',
  'clock_warning dispatch',
  'clock_warning escalationAck',
  'clock_breached firstContact',
  'clock_breached dispatch',
  'clock_breached escalationAck',
  'escalated level 1',
  'escalated level 2',
];
const clockReportTypes = new Set(['clock_warning', 'clock_breached', 'escalated']);

type TimelineRow = { type: string; workflowSeq: number | null; detail: Record<string, unknown> };
type CaseView = { id: string; status: string; order: string; overdue: boolean; escalationLevel: number; timeline: TimelineRow[] };

let stack: Stack;
let supervisor: ReturnType<typeof apiAs>;
let gridWorker: ReturnType<typeof apiAs>;
let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  stack = await testStack({ slaPolicy: faultPolicy });
  await stack.start();
  gridWorker = apiAs(stack, tokenOf(stack, 'demo-grid-ly'));
  supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
  connection = await Connection.connect({ address: stack.temporalAddress });
  temporal = new Client({ connection });
});

afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

const fileHardCase = async () => {
  const response = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify({ ...freshIntake('grid'), riskFlags: ['violence'] }) });
  expect(response.status).toBe(201);
  const view = (await response.json()) as CaseView;
  expect(view.status).toBe('queued');
  return view.id;
};

/** Hard cases filed one after another, so the kill finds their clocks at different points. */
async function fileHardCases(count: number, spacingMs: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) await sleep(spacingMs);
    ids.push(await fileHardCase());
  }
  return ids;
}

const readCase = async (id: string) => (await (await supervisor(`/api/cases/${id}`)).json()) as CaseView;

async function casesUntil(ids: string[], done: (view: CaseView) => boolean, what: string, timeoutMs = 90_000): Promise<CaseView[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const views: CaseView[] = [];
    for (const id of ids) views.push(await readCase(id));
    if (views.every(done)) return views;
    if (Date.now() > deadline) {
      const behind = views.filter((view) => !done(view)).map((view) => ({ id: view.id, status: view.status, timeline: view.timeline.map((e) => e.type) }));
      throw new Error(`${what}: not there in ${timeoutMs} ms: ${JSON.stringify(behind)}`);
    }
    await sleep(500);
  }
}

const reportedToCounty = (view: CaseView) => view.timeline.some((e) => e.type === 'escalated' && e.detail.level === 2);
const clockReportKey = (event: TimelineRow) =>
  event.type === 'escalated' ? `escalated level ${String(event.detail.level)}` : `${event.type} ${String(event.detail.clock)}`;

/**
 * What a supervisor sees once the faults are over, checked case by case: open, back with the station for dispatch,
 * overdue and raised to the county; every clock report on the timeline once; the workflow's reports numbered 1..n
 * with none missing or doubled. Prints the figures and returns them.
 */
async function expectEveryReportOnce(label: string, ids: string[]) {
  const views = await casesUntil(ids, reportedToCounty, `${label}: every case raised to the county`);
  // The reports the workflow sends after the last clock (none are due) have had their time: read once more.
  await sleep(1_000);
  const settled = await Promise.all(views.map((view) => readCase(view.id)));
  let fired = 0;
  let reports = 0;
  for (const view of settled) {
    expect(view).toMatchObject({ status: 'open', order: 'awaiting_dispatch', overdue: true, escalationLevel: 2 });
    const clockRows = view.timeline.filter((e) => clockReportTypes.has(e.type)).map(clockReportKey);
    const counts = Object.fromEntries(scheduledReports.map((key) => [key, clockRows.filter((row) => row === key).length]));
    expect(counts, `${label}: case ${view.id}`).toEqual(Object.fromEntries(scheduledReports.map((key) => [key, 1])));
    expect(clockRows).toHaveLength(scheduledReports.length);
    fired += clockRows.length;
    const seqs = view.timeline.flatMap((e) => (e.workflowSeq === null ? [] : [e.workflowSeq]));
    expect([...seqs].sort((a, b) => a - b), `${label}: case ${view.id} sequence`).toEqual(seqs.map((_, i) => i + 1));
    reports += seqs.length;
  }
  const scheduled = settled.length * scheduledReports.length;
  const ratio = (fired / scheduled).toFixed(3);
  console.log(`[faults] ${label}: ${settled.length} cases, clock reports fired/scheduled = ${fired}/${scheduled} = ${ratio}, ${reports} workflow reports in D1, 0 doubled, 0 missing`);
  expect(ratio).toBe('1.000');
  return { cases: settled.length, scheduled, fired, reports };
}

/** Timers of the case workflows as Temporal's histories hold them: every one started has fired, but the far one each waits on. */
async function temporalTimers(label: string, ids: string[]) {
  let started = 0;
  let firedCount = 0;
  let canceled = 0;
  for (const id of ids) {
    const history = await temporal.workflow.getHandle(id).fetchHistory();
    for (const event of history.events ?? []) {
      if (event.timerStartedEventAttributes) started += 1;
      if (event.timerFiredEventAttributes) firedCount += 1;
      if (event.timerCanceledEventAttributes) canceled += 1;
    }
  }
  console.log(`[faults] ${label}: Temporal timers started ${started}, fired ${firedCount}, canceled ${canceled}, waiting ${started - firedCount - canceled} (one per case, on its resolve clock)`);
  expect(started - firedCount - canceled).toBe(ids.length);
}

/** How many of the cases' clock reports D1 holds at a given moment: the fault must land with some in and some to come. */
async function clockReportsLanded(ids: string[]) {
  const views = await Promise.all(ids.map(readCase));
  return views.reduce((sum, view) => sum + view.timeline.filter((e) => clockReportTypes.has(e.type)).length, 0);
}

const executionsOf = async (id: string) => {
  const runs: string[] = [];
  for await (const execution of temporal.workflow.list({ query: `WorkflowId = '${id}'` })) runs.push(execution.runId);
  return runs;
};

describe(`faults on the whole stack (${testTarget} target)`, () => {
  it('a worker killed with SIGKILL amid running clocks, then restarted (on the county target, one of two): every case gets there, every timer reports once', async () => {
    const ids = await fileHardCases(6, 1_000);
    // The first case has warned, the last has barely started: clocks are running in every one of them.
    await casesUntil(ids.slice(0, 1), (view) => view.timeline.some((e) => e.type === 'clock_warning'), 'the first warning');
    const landedBefore = await clockReportsLanded(ids);
    await stack.killWorker();
    const killedAt = Date.now();
    expect(landedBefore).toBeLessThan(ids.length * scheduledReports.length);
    await sleep(6_000);
    await stack.startWorker();
    console.log(
      `[faults] worker killed (SIGKILL) with ${landedBefore} of ${ids.length * scheduledReports.length} clock reports in; its successor started ${((Date.now() - killedAt) / 1000).toFixed(1)} s later`,
    );
    await expectEveryReportOnce('worker SIGKILL', ids);
    await temporalTimers('worker SIGKILL', ids);
  });

  it('the Temporal server restarted amid running clocks keeps every case: nothing lost, nothing doubled', async () => {
    const ids = await fileHardCases(6, 1_000);
    await casesUntil(ids.slice(0, 1), (view) => view.timeline.some((e) => e.type === 'clock_warning'), 'the first warning');
    const runsBefore = await Promise.all(ids.map(async (id) => (await temporal.workflow.getHandle(id).describe()).runId));
    const landedBefore = await clockReportsLanded(ids);
    await stack.stopTemporal();
    const stoppedAt = Date.now();
    expect(landedBefore).toBeLessThan(ids.length * scheduledReports.length);
    expect((await fetch(`${stack.edgeUrl}/healthz`)).status).toBe(503);
    await sleep(6_000);
    await stack.startTemporal();
    console.log(
      `[faults] Temporal server (${testTarget} target) stopped with ${landedBefore} of ${ids.length * scheduledReports.length} clock reports in, down ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s, started again on its own data`,
    );
    await expectEveryReportOnce('Temporal restart', ids);
    // The same runs carried on: none was started again from the outbox.
    expect(await Promise.all(ids.map(async (id) => (await executionsOf(id)).length))).toEqual(ids.map(() => 1));
    expect(await Promise.all(ids.map(async (id) => (await temporal.workflow.getHandle(id).describe()).runId))).toEqual(runsBefore);
    await temporalTimers('Temporal restart', ids);
  });

  it('cases filed while no workflow can start, the edge gone before it could: the outbox starts each exactly once', async () => {
    await stack.stopTemporal();
    const ids = await Promise.all(Array.from({ length: 5 }, () => fileHardCase()));
    const filedAt = Date.now();
    // The edge stops right after answering: whatever it had left to do after the answer (the start, or recording
    // that the start failed) dies with it. D1 holds the cases and their outbox rows.
    await stack.stopEdge();
    await stack.startTemporal();
    await stack.startEdge();
    const openedAfter = new Map<string, number>();
    const opened = await casesUntil(
      ids,
      (view) => {
        // The drain marks a case open as it starts it; its workflow's first report follows.
        const triaged = view.status === 'open' && view.timeline.some((e) => e.type === 'triaged');
        if (triaged && !openedAfter.has(view.id)) openedAfter.set(view.id, Date.now() - filedAt);
        return triaged;
      },
      'every case opened and triaged by its workflow',
      75_000,
    );
    // A start whose failure was recorded goes on the next drain; one the edge died before recording, once the
    // outbox has waited out a start's silence (30 s).
    console.log(`[faults] outbox: cases triaged by their workflows ${ids.map((id) => `${((openedAfter.get(id) ?? 0) / 1000).toFixed(1)} s`).join(', ')} after filing`);
    expect(opened.map((view) => view.timeline.filter((e) => e.type === 'triaged').length)).toEqual(ids.map(() => 1));

    const executions = await Promise.all(ids.map(executionsOf));
    // Several more drains pass over the same rows: none starts anything again.
    await sleep(4 * stack.options.outboxDrainMs);
    expect(await Promise.all(ids.map(executionsOf))).toEqual(executions);
    expect(executions.map((runs) => runs.length)).toEqual(ids.map(() => 1));
    for (const id of ids) {
      await expect(temporal.workflow.start('disputeCase', { taskQueue: stack.options.taskQueue, workflowId: id, args: [] })).rejects.toBeInstanceOf(
        WorkflowExecutionAlreadyStartedError,
      );
    }
    const triaged = (await Promise.all(ids.map(readCase))).map((view) => view.timeline.filter((e) => e.type === 'triaged').length);
    expect(triaged).toEqual(ids.map(() => 1));
    console.log(`[faults] outbox after a crash before the start: ${ids.length} cases filed, ${executions.flat().length} workflow executions, ${ids.length} second starts refused as already started`);
  });

  it('the edge away for 15 s while workflows report: activities retry with backoff and D1 converges, each report once', async () => {
    const ids = await fileHardCases(6, 500);
    await casesUntil(ids, (view) => view.status === 'open', 'every case open');
    const landedBefore = await clockReportsLanded(ids);
    await stack.stopEdge();
    const stoppedAt = Date.now();
    expect(landedBefore).toBeLessThan(ids.length * scheduledReports.length);
    // The clocks run on in Temporal; their reports wait on an edge that is not there.
    await sleep(12_000);
    const waiting = await Promise.all(ids.map(async (id) => (await temporal.workflow.getHandle(id).describe()).raw.pendingActivities ?? []));
    const attempts = waiting.flat().map((activity) => activity.attempt ?? 0);
    console.log(
      `[faults] edge stopped with ${landedBefore} of ${ids.length * scheduledReports.length} clock reports in; after ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s: ${attempts.length} reports waiting, attempts so far ${attempts.join(', ')}; last failure: ${waiting.flat()[0]?.lastFailure?.message}`,
    );
    expect(attempts.length).toBe(ids.length);
    // Tried again and again, but backing off: one second doubling, not a try every second.
    for (const attempt of attempts) {
      expect(attempt).toBeGreaterThanOrEqual(2);
      expect(attempt).toBeLessThanOrEqual(6);
    }
    await sleep(Math.max(0, stoppedAt + 15_000 - Date.now()));
    await stack.startEdge();
    console.log(`[faults] edge back after ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s`);
    await expectEveryReportOnce('edge away', ids);
  });
});

describe.runIf(testTarget === 'county')('faults only a county meets: its own PostgreSQL, several edge processes', () => {
  const county = () => stack as CountyStack;

  it('PostgreSQL killed (SIGKILL) amid running clocks and started again: Temporal carries every case on, nothing lost or doubled', async () => {
    const ids = await fileHardCases(6, 1_000);
    await casesUntil(ids.slice(0, 1), (view) => view.timeline.some((e) => e.type === 'clock_warning'), 'the first warning');
    const runsBefore = await Promise.all(ids.map(async (id) => (await temporal.workflow.getHandle(id).describe()).runId));
    const landedBefore = await clockReportsLanded(ids);
    await county().cluster.killPostgres();
    const killedAt = Date.now();
    expect(landedBefore).toBeLessThan(ids.length * scheduledReports.length);
    await sleep(6_000);
    await county().cluster.startPostgres();
    console.log(
      `[faults] PostgreSQL killed (SIGKILL) with ${landedBefore} of ${ids.length * scheduledReports.length} clock reports in, started again ${((Date.now() - killedAt) / 1000).toFixed(1)} s later`,
    );
    await expectEveryReportOnce('PostgreSQL SIGKILL', ids);
    expect(await Promise.all(ids.map(async (id) => (await temporal.workflow.getHandle(id).describe()).runId))).toEqual(runsBefore);
    await temporalTimers('PostgreSQL SIGKILL', ids);
  });

  it('an edge process killed (SIGKILL) amid filings: each filing retried with its key lands once, and each case runs once', async () => {
    const filings = Array.from({ length: 12 }, () => ({ key: crypto.randomUUID(), body: JSON.stringify({ ...freshIntake('grid'), riskFlags: ['violence'] }) }));
    const file = ({ key, body }: (typeof filings)[number]) =>
      gridWorker('/api/intake/grid', { method: 'POST', body, headers: { 'idempotency-key': key } }).then(
        async (response) => ({ status: response.status, id: response.status === 201 ? ((await response.json()) as CaseView).id : undefined }),
        () => ({ status: 0, id: undefined }),
      );
    const firstTries = filings.map((filing, index) => sleep(index * 40).then(() => file(filing)));
    await sleep(200);
    await county().killEdge();
    const first = await Promise.all(firstTries);
    await county().startEdge();
    // A filing that got no answer, or an error, is sent again with the same key, as the form and the API's callers do.
    const answers = await Promise.all(filings.map(async (filing, index) => (first[index]!.id ? first[index]! : file(filing))));
    console.log(
      `[faults] edge killed amid ${filings.length} filings: ${first.filter((answer) => answer.status === 201).length} answered 201 before, ${first.filter((answer) => answer.status === 0).length} without an answer, ${first.filter((answer) => answer.status >= 500).length} with 5xx; all sent again with their keys`,
    );
    expect(answers.map((answer) => answer.status)).toEqual(filings.map(() => 201));
    const ids = answers.map((answer) => answer.id!);
    expect(new Set(ids).size).toBe(filings.length);
    await expectEveryReportOnce('edge SIGKILL amid filings', ids);
    expect((await Promise.all(ids.map(executionsOf))).map((runs) => runs.length)).toEqual(ids.map(() => 1));
    await temporalTimers('edge SIGKILL amid filings', ids);
  });
});
