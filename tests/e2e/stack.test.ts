import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../../domain/policy';
import { mergedIntakeAnswerSchema } from '../../schemas/case-view';
import type { SlaPolicy } from '../../schemas/policy';
import { channels } from '../../schemas/vocabulary';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountyStack } from '../../scripts/county-stack';
import type { Stack } from '../../scripts/stack';
import { expectDocumentedCase } from '../support/case-answers';
import { apiAs, freshIntake, testStack, testTarget, tokenOf } from '../support/stack';

/** The system as `npm start` runs it — Temporal dev server, workerd with local D1, the case worker — on a clock of seconds. */
const secondsPolicy: SlaPolicy = {
  ...defaultSlaPolicy,
  warnAtShare: 0.5,
  firstContact: { rule: 'within', duration: 'PT4S' },
  // Return visits fall due within seconds of the resolution, so a test can record them all.
  returnVisitsAfter: ['PT1S', 'PT2S', 'PT3S'],
};

let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;
let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  stack = await testStack({ slaPolicy: secondsPolicy });
  await stack.start();
  gridWorker = apiAs(stack, tokenOf(stack, 'demo-grid-ly'));
  connection = await Connection.connect({ address: stack.temporalAddress });
  temporal = new Client({ connection });
});

afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

type CaseView = {
  id: string;
  caseNumber: string;
  status: string;
  outcome: string | null;
  process: { route: { departments: Record<string, string> } } | null;
  overdue: boolean;
  timeline: { type: string; workflowSeq: number | null; detail: Record<string, unknown> }[];
  clocks: { clock: string; startedAt: string; dueAt: string; stoppedAt: string | null }[];
};

const fileCase = async (channel: (typeof channels)[number], overrides: object = {}) => {
  const response = await gridWorker(`/api/intake/${channel}`, { method: 'POST', body: JSON.stringify({ ...freshIntake(channel), ...overrides }) });
  expect(response.status).toBe(201);
  const filed = (await response.json()) as CaseView;
  expectDocumentedCase(filed);
  return filed;
};

async function caseUntil(id: string, done: (view: CaseView) => boolean, timeoutMs = 60_000): Promise<CaseView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await (await gridWorker(`/api/cases/${id}`)).json()) as CaseView;
    // Read by a grid worker, masked, at every stage the case passes: each read answers as the API document says.
    expectDocumentedCase(view);
    if (done(view)) return view;
    if (Date.now() > deadline) throw new Error(`case ${id} did not get there in ${timeoutMs} ms: ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the whole stack', () => {
  it('runs a workflow for a case from every channel, and the first-contact breach lands in D1', async () => {
    const filed = await Promise.all(channels.map((channel) => fileCase(channel)));
    for (const view of filed) {
      // The answer comes once D1 holds the case; its workflow, started after, opens it with its first report.
      expect(view.status).toBe('queued');
      expect((await caseUntil(view.id, (c) => c.status === 'open')).status).toBe('open');
      const description = await temporal.workflow.getHandle(view.id).describe();
      expect(description.type).toBe('disputeCase');
      expect(description.status.name).toBe('RUNNING');
    }
    for (const view of filed) {
      const overdue = await caseUntil(view.id, (c) => c.overdue);
      const reported = await caseUntil(view.id, (c) => c.timeline.some((e) => e.type === 'escalated'));
      expect(reported.timeline.filter((e) => e.workflowSeq !== null).map((e) => [e.workflowSeq, e.type])).toEqual([
        [1, 'triaged'],
        [2, 'clock_warning'],
        [3, 'clock_breached'],
        [4, 'escalated'],
      ]);
      expect(overdue.overdue).toBe(true);
    }
    expect((await fetch(`${stack.edgeUrl}/healthz`)).status).toBe(200);
  });

  it('takes a case while Temporal is down and starts it once Temporal is back: nothing is lost', async () => {
    await stack.stopTemporal();
    const queued = await fileCase('community');
    expect(queued.status).toBe('queued');
    expect((await fetch(`${stack.edgeUrl}/healthz`)).status).toBe(503);

    await stack.startTemporal();
    const started = await caseUntil(queued.id, (c) => c.status === 'open');
    expect(started.status).toBe('open');
    expect((await temporal.workflow.getHandle(queued.id).describe()).status.name).toBe('RUNNING');
    // The worker kept going through the outage: the restarted case's clock still runs out and is reported.
    await caseUntil(queued.id, (c) => c.overdue);
  });
});

describe('a batch of verification instructions through the whole stack', () => {
  it('starts its workflow, takes feedback, and marks a line nobody answered overdue', async () => {
    const station = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
    const batchId = `e2e-${Date.now()}`;
    const lines = [
      { kind: 'premises', assigneeId: 'demo-grid-ly', subject: '灵隐路 5 号 出租屋核查' },
      { kind: 'anti_fraud', assigneeId: 'demo-grid-ly', subject: '白乐桥村 8 号 反诈走访' },
    ];
    const sent = await station('/api/batches', { method: 'POST', body: JSON.stringify({ batchId, feedbackWithin: 'PT4S', lines }) });
    expect(sent.status).toBe(201);
    type BatchView = { counts: Record<string, number>; lines: { instructionId: number; status: string }[] };
    const view = async () => (await (await station(`/api/batches/${batchId}`)).json()) as BatchView;
    const until = async (done: (v: BatchView) => boolean) => {
      const deadline = Date.now() + 30_000;
      for (let current = await view(); ; current = await view()) {
        if (done(current)) return current;
        if (Date.now() > deadline) throw new Error(`batch did not get there: ${JSON.stringify(current.counts)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    const dispatched = await until((v) => v.counts.dispatched === 2);
    const answer = await gridWorker(`/api/instructions/${dispatched.lines[0]!.instructionId}/feedback`, {
      method: 'POST',
      body: JSON.stringify({ feedback: '已核查，无异常' }),
    });
    expect(answer.status).toBe(200);
    const settled = await until((v) => v.counts.overdue === 1);
    expect(settled.counts).toMatchObject({ feedbackReceived: 1, overdue: 1 });
    expect(settled.lines.map((line) => line.status)).toEqual(['answered', 'overdue']);
  });
});

describe('mediators step a case over HTTP', () => {
  const stepAs = (token: string) => async (id: string, name: string, payload: object = {}) => {
    const response = await apiAs(stack, token)(`/api/cases/${id}/steps/${name}`, { method: 'POST', body: JSON.stringify(payload) });
    // Every step taken answers with the case as the API document describes it.
    if (response.status === 200) expectDocumentedCase(await response.clone().json());
    return response;
  };

  it('takes allowed steps with 200, refuses the rest with 409, 403 or 422, and a repeat reopens the closed case', async () => {
    const mediator = stepAs(tokenOf(stack, 'demo-mediator-ly'));
    // No risk flags: an ordinary case, which the station dispatches to the mediator before they take it.
    const filed = await caseUntil((await fileCase('grid', { riskFlags: [] })).id, (c) => c.status === 'open');
    expect((await stepAs(tokenOf(stack, 'demo-supervisor-ly'))(filed.id, 'assign', { mediatorId: 'demo-mediator-ly' })).status).toBe(200);

    expect((await stepAs(tokenOf(stack, 'demo-grid-ly'))(filed.id, 'accept')).status).toBe(403);
    expect((await apiAs(stack, undefined)(`/api/cases/${filed.id}/steps/accept`, { method: 'POST', body: '{}' })).status).toBe(401);
    const badPayload = await mediator(filed.id, 'schedule-session', { at: 'tomorrow', place: '' });
    expect(badPayload.status).toBe(422);

    const accepted = await mediator(filed.id, 'accept');
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ assigneeId: 'demo-mediator-ly', order: 'accepted' });

    const refused = await mediator(filed.id, 'record-session', { summary: '双方到场' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: 'step_refused', reason: 'no mediation session is scheduled: schedule one first', code: 'noSession', params: {} });

    const contacted = (await (await mediator(filed.id, 'record-contact', { note: '上门见到双方' })).json()) as CaseView;
    expect(contacted.timeline.at(-1)).toMatchObject({ type: 'step:record-contact', actor: 'demo-mediator-ly', reason: '上门见到双方' });
    expect(contacted.clocks.find((c) => c.clock === 'firstContact')?.stoppedAt).not.toBeNull();

    await mediator(filed.id, 'schedule-session', { at: '2030-11-24T10:00', place: '村调解室' });
    await mediator(filed.id, 'record-session', { summary: '达成一致' });
    const resolved = (await (await mediator(filed.id, 'record-agreement', { terms: '加装净化器' })).json()) as CaseView;
    expect(resolved.status).toBe('resolved');
    for (const note of ['一次回访', '二次回访', '三次回访']) await mediator(filed.id, 'record-return-visit', { satisfied: true, note });
    expect(((await (await mediator(filed.id, 'close')).json()) as CaseView).status).toBe('closed');
    expect((await mediator(filed.id, 'record-contact', { note: '再次联系' })).status).toBe(409);

    // The same address comes up again: the intake lands on the closed case and opens it again.
    const closedView = (await (await gridWorker(`/api/cases/${filed.id}`)).json()) as { where: { address: string } };
    const again = { ...JSON.parse(JSON.stringify(freshIntake('community'))), where: closedView.where };
    const merged = await gridWorker('/api/intake/community', { method: 'POST', body: JSON.stringify(again) });
    expect(merged.status).toBe(200);
    expectDocumentedCase(await merged.json(), mergedIntakeAnswerSchema);
    const reopened = await caseUntil(filed.id, (c) => c.timeline.some((e) => e.type === 'reopened'));
    expect(reopened.status).toBe('open');
    expect(reopened.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['repeat_report', 'repeat_reported', 'hard_case', 'reopened']));
  });

  it('closes a report filed twice as a duplicate that joins the first case, and lets a department report back for itself only', async () => {
    const supervisor = stepAs(tokenOf(stack, 'demo-supervisor-ly'));
    const first = await caseUntil((await fileCase('grid', { riskFlags: [] })).id, (c) => c.status === 'open');
    const second = await caseUntil((await fileCase('online', { riskFlags: [] })).id, (c) => c.status === 'open');
    const unknown = await supervisor(second.id, 'exit', { kind: 'duplicate', duplicateOf: 'XH-LY-20000101-9999', reason: '重复登记' });
    expect(unknown.status).toBe(422);
    const exited = await supervisor(second.id, 'exit', { kind: 'duplicate', duplicateOf: first.caseNumber, reason: '同一纠纷重复登记' });
    expect(exited.status, await exited.clone().text()).toBe(200);
    expect(await exited.json()).toMatchObject({ status: 'closed', outcome: 'duplicate' });
    const joined = await caseUntil(first.id, (c) => c.timeline.some((e) => e.type === 'repeat_reported'));
    expect(joined.timeline.find((e) => e.type === 'repeat_report')?.detail).toMatchObject({ mergedFrom: second.caseNumber });

    const joint = await caseUntil((await fileCase('grid', { riskFlags: [], category: 'land' })).id, (c) => c.status === 'open');
    expect((await supervisor(joint.id, 'assign', { mediatorId: 'demo-mediator-ly', departments: ['police', 'market'], lead: 'police' })).status).toBe(200);
    const market = stepAs(tokenOf(stack, 'demo-dept-market'));
    expect((await market(joint.id, 'record-contact', { note: '电话联系' })).status).toBe(403);
    expect((await market(joint.id, 'record-department-report', { department: 'police', outcome: 'done', report: '代为报告' })).status).toBe(403);
    const tasks = (await (await apiAs(stack, tokenOf(stack, 'demo-dept-market'))('/api/cases')).json()) as { rows: { id: string }[] };
    expect(tasks.rows.map((row) => row.id)).toEqual([joint.id]);
    const reported = await market(joint.id, 'record-department-report', { department: 'market', outcome: 'done', report: '已现场检查，责令整改' });
    expect(reported.status).toBe(200);
    expect(((await reported.json()) as CaseView).process?.route.departments).toEqual({ police: 'pending', market: 'reported' });
  });
});

describe('a new policy version', () => {
  it('is published by an admin, re-plans running cases from their start, and applies to new cases', async () => {
    const running = await fileCase('enforcement', { riskFlags: [] });
    const admin = apiAs(stack, tokenOf(stack, 'demo-admin'));
    const next = { ...secondsPolicy, version: 2, firstContact: { rule: 'within', duration: 'PT90S' } };

    expect((await gridWorker('/api/policy', { method: 'POST', body: JSON.stringify(next) })).status).toBe(403);
    const published = await admin('/api/policy', { method: 'POST', body: JSON.stringify(next) });
    expect(published.status).toBe(201);
    expect((await admin('/api/policy', { method: 'POST', body: JSON.stringify(next) })).status).toBe(409);
    expect(((await (await gridWorker('/api/policy')).json()) as { version: number }).version).toBe(2);

    const replanned = (await caseUntil(running.id, (c) => c.timeline.some((e) => e.type === 'policy_changed')));
    const firstContact = replanned.clocks.find((c) => c.clock === 'firstContact')!;
    expect(Date.parse(firstContact.dueAt) - Date.parse(firstContact.startedAt)).toBe(90_000);

    const filedAfter = (await fileCase('grid', { riskFlags: [] }));
    const due = filedAfter.clocks.find((c) => c.clock === 'firstContact')!;
    expect(Date.parse(due.dueAt) - Date.parse(due.startedAt)).toBe(90_000);
  });
});

describe.runIf(testTarget === 'county')('operating the county target', () => {
  it('reports each part at /healthz, counts answers at /metrics, and logs JSON lines in which a filing’s request ID comes back with its workflow’s reports', async () => {
    const health = await (await fetch(`${stack.edgeUrl}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, database: 'up', temporal: 'up', workers: 2, outbox: { dead: 0 } });

    const requestId = `filing-${crypto.randomUUID()}`;
    const response = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(freshIntake('grid')), headers: { 'x-request-id': requestId } });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const { id } = (await response.json()) as CaseView;
    await caseUntil(id, (view) => view.timeline.some((e) => e.type === 'triaged'));

    const lines = readFileSync(join((stack as CountyStack).options.dataDir, 'logs', 'edge-1.log'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { requestId?: string; route?: string; status?: number; msg: string });
    const ofFiling = lines.filter((line) => line.requestId === requestId && line.msg === 'answered');
    expect(ofFiling.map((line) => [line.route, line.status])).toEqual(expect.arrayContaining([['/api/intake/:channel', 201], ['/internal/cases/:id/events', 200]]));

    const metrics = await (await fetch(`${stack.edgeUrl}/metrics`)).text();
    expect(metrics).toMatch(/^fengqiao_http_requests_total\{method="POST",route="\/api\/intake\/:channel",status="201"\} [1-9]/m);
    expect(metrics).toMatch(/^fengqiao_outbox_pending \d+$/m);
    expect(metrics).toMatch(/^fengqiao_dead_letters 0$/m);
  });
});
