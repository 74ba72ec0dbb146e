import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeInput } from '../../schemas/intake';
import type { CaseState } from '../../schemas/case-state';
import { repeatReportSignal, routeStepSignalName } from '../../workflows/definitions';
import { caseInput, mediator, openCaseOn, secondsPolicy, startWorkflowEnv, supervisor, waitUntil, type WorkflowEnv } from '../support/workflow-env';

let world: WorkflowEnv;
beforeAll(async () => {
  world = await startWorkflowEnv();
});
afterAll(async () => world?.teardown());

/** Seconds-scale clocks, but first contact far enough away that no warning interleaves with the steps under test. */
const calmPolicy = { ...secondsPolicy, firstContact: { rule: 'within' as const, duration: 'PT600S' } };
const otherMediator = { id: 'demo-mediator-other', role: 'mediator' as const, name: '钱调解员' };
const openCase = (taskQueue: string, intake: Partial<IntakeInput<'grid'>>) => openCaseOn(world, taskQueue, caseInput(calmPolicy, intake));

const describeWorkflow = (workflowId: string) => world.env.client.workflow.getHandle(workflowId).describe();
const statusOf = async (workflowId: string) => (await describeWorkflow(workflowId)).status.name;
/** Waits until a child workflow has been started by its parent. */
const started = (workflowId: string) =>
  waitUntil(() => describeWorkflow(workflowId).then(() => true, () => false), 10_000, `${workflowId} to start`);
const finished = (handle: WorkflowHandle) => handle.result() as Promise<CaseState>;
const recordedHistory = (name: string) => {
  const recorded = JSON.parse(readFileSync(join(import.meta.dirname, 'histories', name), 'utf8'));
  return { workflowId: recorded.workflowId as string, history: temporal.api.history.v1.History.fromObject(recorded.history) };
};

describe('resolution routes as child workflows', () => {
  it('a judicial agreement waits for the court, and the case resolves once the court confirms it', async () => {
    await world.withWorker(async (taskQueue) => {
      const c = await openCase(taskQueue, { category: 'property' });
      const { route } = await c.state();
      expect(route).toMatchObject({ route: 'judicial', workflowId: `${c.caseId}/route-1-judicial` });
      await c.dispatch();
      await c.run('record-contact', { note: '电话联系双方' });
      const waiting = await c.run('record-agreement', { terms: '分期归还借款三万元', requestConfirmation: true });
      expect(waiting).toMatchObject({ status: 'open', route: { stage: 'confirmation_requested' } });
      expect(await c.refusal('record-agreement', { terms: '另一份协议' })).toMatch(/waiting for the court/);
      const resolved = await c.run('record-confirmation', { confirmed: true, court: '西湖区人民法院' });
      expect(resolved).toMatchObject({ status: 'resolved', outcome: 'agreement', route: { stage: 'resolved' } });
      expect(c.types()).toContain('resolved');
      const child = await world.env.client.workflow.getHandle(route.workflowId).result();
      expect(child).toMatchObject({ stage: 'resolved', confirmation: { confirmed: true, court: '西湖区人民法院' } });
      expect(await statusOf(route.workflowId)).toBe('COMPLETED');
    });
  });

  it('a joint case closes only after every department reports back, and a late department shows as overdue', async () => {
    await world.withWorker(async (taskQueue) => {
      const c = await openCase(taskQueue, { category: 'land' });
      const routeId = (await c.state()).route.workflowId;
      expect(routeId).toBe(`${c.caseId}/route-1-joint`);
      await c.dispatch(mediator, { departments: ['police', 'market'], lead: 'police' });
      expect(await c.refusal('record-agreement', { terms: '联合调处协议' })).toMatch(/waiting for: police, market/);
      await c.run('record-department-report', { department: 'police', outcome: 'done', report: '派出所已现场核查' });
      expect(await c.refusal('record-agreement', { terms: '联合调处协议' })).toMatch(/waiting for: market$/);
      // The market department was given PT3S to report and says nothing.
      await waitUntil(() => c.types().includes('department_overdue'), 15_000, 'department_overdue');
      expect(c.events().find((e) => e.type === 'department_overdue')).toMatchObject({ detail: { department: 'market' }, notify: 'station' });
      expect((await c.state()).route.departments).toEqual({ police: 'reported', market: 'overdue' });
      await c.run('record-department-report', { department: 'market', outcome: 'done', report: '市场监管所补报核查结果' });
      const resolved = await c.run('record-agreement', { terms: '联合调处协议' });
      expect(resolved).toMatchObject({ status: 'resolved', route: { stage: 'resolved', lead: 'police' } });
      expect(await world.env.client.workflow.getHandle(routeId).result()).toMatchObject({ stage: 'resolved', agreement: '联合调处协议' });
      expect(await statusOf(`${routeId}/police`)).toBe('COMPLETED');
      expect((await describeWorkflow(`${routeId}/market`)).parentExecution?.workflowId).toBe(routeId);
    });
  });

  it('a failed case moves grassroots → judicial → joint and, failing there, is referred to litigation', async () => {
    await world.withWorker(async (taskQueue) => {
      const c = await openCase(taskQueue, { category: 'neighbour' });
      await c.dispatch();
      const afterFailure = await c.run('record-failure', { reason: '一方拒绝调解' });
      expect(afterFailure.route).toMatchObject({ route: 'judicial', workflowId: `${c.caseId}/route-2-judicial` });
      expect(c.events().find((e) => e.type === 'route_transferred')).toMatchObject({
        reason: '一方拒绝调解',
        detail: { from: 'grassroots', to: 'judicial' },
      });
      expect(await world.env.client.workflow.getHandle(`${c.caseId}/route-1-grassroots`).result()).toMatchObject({ stage: 'failed' });

      // Each new route waits for dispatch again: the station sends it to that route's mediator.
      await c.dispatch();
      const transferred = await c.run('request-transfer', { reason: '涉及土地确权，需要部门联动' });
      expect(transferred.route).toMatchObject({ route: 'joint', workflowId: `${c.caseId}/route-3-joint` });
      expect(await world.env.client.workflow.getHandle(`${c.caseId}/route-2-judicial`).result()).toMatchObject({ stage: 'failed' });

      // A joint route is dispatched with the departments that work it.
      await c.dispatch(mediator, { departments: ['police'] });
      const closed = await c.run('record-failure', { reason: '联动调处未果' });
      expect(closed).toMatchObject({ status: 'closed', outcome: 'litigation', order: 'closed' });
      const final = await finished(c.handle);
      expect(final.routeHistory.map((h) => [h.route, h.outcome, h.reason])).toEqual([
        ['grassroots', 'failed', '一方拒绝调解'],
        ['judicial', 'failed', '涉及土地确权，需要部门联动'],
        ['joint', 'failed', '联动调处未果'],
      ]);
      expect(c.types().filter((t) => t === 'route_transferred')).toHaveLength(2);
      expect(c.types().at(-1)).toBe('referred_to_litigation');
      expect(await statusOf(c.caseId)).toBe('COMPLETED');
      expect(await world.env.client.workflow.getHandle(`${c.caseId}/route-3-joint`).result()).toMatchObject({ stage: 'failed' });
    });
  });

  it('a supervisor overriding triage moves the case to another route, makes it hard, and says why', async () => {
    await world.withWorker(async (taskQueue) => {
      const c = await openCase(taskQueue, { category: 'family' });
      const reason = '涉及宅基地，需多部门联动';
      const moved = await c.run('override-triage', { route: 'joint', hardCase: true, reason }, supervisor);
      expect(moved).toMatchObject({ hardCase: true, route: { route: 'joint', workflowId: `${c.caseId}/route-2-joint` } });
      expect(moved.routeHistory).toMatchObject([{ route: 'grassroots', outcome: 'moved', reason }]);
      const [override, transfer] = c.events().filter((e) => e.type === 'step:override-triage' || e.type === 'route_transferred');
      expect(override).toMatchObject({ actor: supervisor.id, reason, detail: { route: 'joint', hardCase: true } });
      expect(transfer).toMatchObject({ reason, detail: { from: 'grassroots', to: 'joint' }, projection: { hardCase: true, route: 'joint' } });
      expect(await world.env.client.workflow.getHandle(`${c.caseId}/route-1-grassroots`).result()).toMatchObject({
        stage: 'failed',
        failureReason: `moved to the joint route: ${reason}`,
      });
      expect(await c.refusal('override-triage', { route: 'joint', hardCase: true, reason }, supervisor)).toBe('that would change nothing');
    });
  });

  it('steps that make no sense now are refused with a reason and leave nothing on the timeline', async () => {
    await world.withWorker(async (taskQueue) => {
      const c = await openCase(taskQueue, { category: 'neighbour' });
      // Nobody has dispatched the case: no mediator works it, and the supervisor dispatches rather than works it.
      expect(await c.refusal('record-contact', { note: '上门走访双方' })).toBe('the case has not been dispatched to you: a supervisor dispatches it first');
      expect(await c.refusal('record-contact', { note: '上门走访双方' }, supervisor)).toBe(
        'a supervisor does not take the mediator’s steps: dispatch the case to a mediator',
      );
      await c.run('assign', { mediatorId: mediator.id, mediatorName: mediator.name }, supervisor);
      expect(await c.refusal('record-contact', { note: '上门走访双方' })).toBe('accept the case before you work it');
      await c.run('accept', {});
      await c.run('record-contact', { note: '上门走访双方' });
      expect(await c.refusal('record-session', { summary: '调解会' })).toBe('no mediation session is scheduled: schedule one first');
      expect(await c.refusal('record-return-visit', { satisfied: true, note: '回访' })).toBe('return visits come after the case is resolved');
      expect(await c.refusal('close', {})).toBe('only a resolved case can be closed');
      expect(await c.refusal('record-contact', { note: '再次联系' })).toBe('first contact is already recorded');
      expect(await c.refusal('schedule-session', { at: '2030-11-25T15:00', place: '调解室' }, otherMediator)).toBe(
        `only the assigned mediator (${mediator.name}) may step this case`,
      );
      // A supervisor does not take the mediator's steps either; the assigned mediator does.
      expect(await c.refusal('schedule-session', { at: '2030-11-25T15:00', place: '调解室' }, supervisor)).toBe(
        `a supervisor does not take the mediator’s steps: the assigned mediator (${mediator.name}) does`,
      );
      await c.run('schedule-session', { at: '2030-11-25T15:00', place: '调解室' });
      // Sent in the county's local time, kept on the timeline as the instant it names (+08:00).
      expect(c.events().find((e) => e.type === 'step:schedule-session')?.detail).toMatchObject({ at: '2030-11-25T07:00:00.000Z' });
      expect(await c.refusal('record-session', { summary: '双方各退一步' }, supervisor)).toBe(
        `a supervisor does not take the mediator’s steps: the assigned mediator (${mediator.name}) does`,
      );
      await c.run('record-session', { summary: '双方各退一步' });
      // Unless the station records it for the mediator, who is away: the timeline then says so.
      const onBehalf = { ...supervisor, onBehalfOf: { id: mediator.id, name: mediator.name } };
      expect(await c.refusal('request-extension', { duration: 'P3D', reason: '等待鉴定' }, { ...supervisor, onBehalfOf: { id: otherMediator.id, name: otherMediator.name } })).toBe(
        `only the assigned mediator (${mediator.name}) may step this case`,
      );
      await c.run('request-extension', { duration: 'P3D', reason: '等待鉴定' }, onBehalf);
      expect(c.types().filter((t) => t.startsWith('step:') || t === 'on_behalf_of')).toEqual([
        'step:assign',
        'step:accept',
        'step:record-contact',
        'step:schedule-session',
        'step:record-session',
        'step:request-extension',
        'on_behalf_of',
      ]);
      const [extension, marked] = c.events().filter((e) => e.type === 'step:request-extension' || e.type === 'on_behalf_of');
      expect(extension).toMatchObject({ actor: supervisor.id });
      expect(marked).toMatchObject({ actor: supervisor.id, detail: { step: 'request-extension', mediatorId: mediator.id, mediatorName: mediator.name } });
    });
  });

  it('a repeat report makes a running case hard, and reopens a resolved one on a new route run', async () => {
    await world.withWorker(async (taskQueue) => {
      const repeat = (summary: string) => ({ id: randomUUID(), channel: 'online' as const, at: new Date().toISOString(), summary, reportedBy: 'online-screening' });

      const running = await openCase(taskQueue, { category: 'neighbour' });
      const report = repeat('网上再次反映油烟扰民');
      await running.handle.signal(repeatReportSignal, report);
      // Delivered twice (the outbox delivers at least once): still one report.
      await running.handle.signal(repeatReportSignal, report);
      await waitUntil(() => running.types().includes('hard_case'), 10_000, 'hard_case');
      expect(running.types().slice(-2)).toEqual(['repeat_reported', 'hard_case']);
      expect(await running.state()).toMatchObject({ status: 'open', hardCase: true });
      expect((await running.state()).repeatReports).toEqual([expect.objectContaining({ id: report.id, channel: 'online' })]);
      expect(running.types()).not.toContain('reopened');

      const settled = await openCase(taskQueue, { category: 'neighbour' });
      await settled.dispatch();
      expect(await settled.run('record-agreement', { terms: '加装油烟净化器' })).toMatchObject({ status: 'resolved' });
      await world.env.client.workflow.getHandle(`${settled.caseId}/route-1-grassroots`).result();
      await settled.handle.signal(repeatReportSignal, repeat('网上反映净化器未安装'));
      await waitUntil(() => settled.types().includes('reopened'), 10_000, 'reopened');
      expect(settled.types().filter((t) => ['repeat_reported', 'hard_case', 'reopened'].includes(t))).toEqual([
        'repeat_reported',
        'hard_case',
        'reopened',
      ]);
      const reopened = await settled.state();
      // It goes back to the mediator who held it, to accept again.
      expect(reopened).toMatchObject({ status: 'open', hardCase: true, order: 'dispatched', assignee: { id: mediator.id } });
      expect(reopened.outcome).toBeUndefined();
      expect(reopened.route).toMatchObject({ route: 'grassroots', stage: 'working', workflowId: `${settled.caseId}/route-2-grassroots` });
      await started(`${settled.caseId}/route-2-grassroots`);
      expect(await statusOf(`${settled.caseId}/route-2-grassroots`)).toBe('RUNNING');
      expect(await settled.refusal('record-contact', { note: '再次上门' })).toBe('accept the case before you work it');
      expect(await settled.run('accept', {})).toMatchObject({ order: 'accepted' });
      expect(await settled.refusal('record-return-visit', { satisfied: false, note: '回访' })).toBe('return visits come after the case is resolved');
    });
  });

  it('a route a step ends before its workflow could start still has its workflow, holding the route as the case left it', async () => {
    await world.withWorker(async (taskQueue) => {
      const c = await openCase(taskQueue, { category: 'neighbour' });
      await c.run('exit', { kind: 'withdrawn', reason: '双方已自行和解，申请人撤回' }, supervisor);
      const route = await world.env.client.workflow.getHandle(`${c.caseId}/route-1-grassroots`).result();
      expect(route).toEqual((await finished(c.handle)).route);
      expect(route).toMatchObject({ stage: 'ended' });
    });
  });

  it('a step that speaks to its route answers without waiting for the route to hear it, and the route hears the steps in order', async () => {
    await world.withWorker(async (taskQueue) => {
      const c = await openCase(taskQueue, { category: 'land' });
      const routeId = (await c.state()).route.workflowId;
      await started(routeId);
      await c.dispatch(mediator, { departments: ['police', 'market'], lead: 'police' });
      await c.run('record-department-report', { department: 'police', outcome: 'done', report: '派出所已现场核查' });
      await c.run('record-department-report', { department: 'market', outcome: 'done', report: '市场监管所核查完毕' });
      await c.run('record-agreement', { terms: '联合调处协议' });
      expect(await world.env.client.workflow.getHandle(routeId).result()).toMatchObject({ stage: 'resolved', departments: { police: 'reported', market: 'reported' } });

      const events = (await c.handle.fetchHistory()).events ?? [];
      const kinds = events.map((event) => String(event.eventType));
      // Each step's message reaches the route only after the step was answered; before, the answer waited for it.
      const answered = kinds.flatMap((kind, at) => (kind === String(temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) ? [at] : []));
      const heard = kinds.flatMap((kind, at) => (kind === String(temporal.api.enums.v1.EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED) ? [at] : []));
      expect(heard).toHaveLength(4);
      for (const at of heard) expect(answered.some((answer) => answer < at && !heard.some((signal) => answer < signal && signal < at))).toBe(true);

      const routeEvents = (await world.env.client.workflow.getHandle(routeId).fetchHistory()).events ?? [];
      const stepsHeard = routeEvents
        .filter((event) => event.workflowExecutionSignaledEventAttributes?.signalName === routeStepSignalName)
        .map((event) => JSON.parse(Buffer.from(event.workflowExecutionSignaledEventAttributes!.input!.payloads![0]!.data!).toString()).step);
      expect(stepsHeard).toEqual(['assign', 'record-department-report', 'record-department-report', 'record-agreement']);
    });
  });

  it('replays a joint case and its route recorded when a step waited until its route had heard it', async () => {
    const histories = ['joint-case-before-route-messages-left-after-the-answer.json', 'joint-route-before-route-messages-left-after-the-answer.json'].map(recordedHistory);
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: world.bundle }, histories)) {
      expect(result.error, result.workflowId).toBeUndefined();
      replayed += 1;
    }
    expect(replayed).toBe(2);
  });

  it('replays a joint case and its route recorded when the route kept a copy of its own and was sent the step alone', async () => {
    const histories = ['joint-case-before-route-state-lived-with-the-case.json', 'joint-route-before-route-state-lived-with-the-case.json'].map(recordedHistory);
    const routeSignals = histories[1]!.history.events?.filter((event) => event.workflowExecutionSignaledEventAttributes?.signalName === routeStepSignalName);
    expect(routeSignals?.map((event) => event.workflowExecutionSignaledEventAttributes?.input?.payloads?.length)).toEqual([1, 1, 1, 1]);
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: world.bundle }, histories)) {
      expect(result.error, result.workflowId).toBeUndefined();
      replayed += 1;
    }
    expect(replayed).toBe(2);
  });

  it('replays every case, route and department history above without a determinism violation', async () => {
    const histories = [];
    for await (const execution of world.env.client.workflow.list()) {
      histories.push({ workflowId: execution.workflowId, history: await world.env.client.workflow.getHandle(execution.workflowId).fetchHistory() });
    }
    const types = new Set(histories.map(({ history }) => history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name));
    expect(types).toEqual(new Set(['disputeCase', 'resolutionRoute', 'departmentTask']));
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: world.bundle }, histories)) {
      expect(result.error, result.workflowId).toBeUndefined();
      replayed += 1;
    }
    expect(replayed).toBe(histories.length);
    expect(replayed).toBeGreaterThanOrEqual(20);
  });
});
