import { refusalOfFailure } from '../../workers/sync/gateway';
import { refusalReason } from '../../workers/i18n/refusals';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../schemas/policy';
import type { StepName, stepPayloadSchemas, StepUpdate } from '../../schemas/steps';
import type * as v from 'valibot';
import { policyChangedSignal, stateQuery } from '../../workflows/definitions';
import { caseInput, mediator, secondsPolicy, startWorkflowEnv, step, supervisor, takeStepOn, waitUntil, type CaseEvent, type WorkflowEnv } from '../support/workflow-env';

let world: WorkflowEnv;
beforeAll(async () => {
  world = await startWorkflowEnv();
});
afterAll(async () => world?.teardown());

type Input = ReturnType<typeof caseInput> & { historyLimit?: number };
const violent = { riskFlags: ['violence' as const] };
/** Seconds policy whose first-contact clock stays out of the way of the clock under test. */
const calm = (overrides: Partial<SlaPolicy> = {}): SlaPolicy => ({
  ...secondsPolicy,
  firstContact: { rule: 'within', duration: 'PT120S' },
  ...overrides,
});
const otherMediator = { id: 'demo-mediator-qian', role: 'mediator' as const, name: '钱调解员' };
const caseIds: string[] = [];
let longCaseId = '';

/** Starts a case on `taskQueue`; `run` takes a step as the edge would send it. */
async function openCase(taskQueue: string, input: Input) {
  caseIds.push(input.caseId);
  const handle = await world.env.client.workflow.start('disputeCase', { taskQueue, workflowId: input.caseId, args: [input] });
  const run = <S extends StepName>(name: S, payload: v.InferInput<(typeof stepPayloadSchemas)[S]>, actor: StepUpdate['actor'] = mediator) =>
    takeStepOn(world, handle, input.caseId, step(name, payload as never, actor));
  /** The station dispatches the case to `to`, who accepts it: what comes before any of a mediator's work. */
  const dispatch = async (to: StepUpdate['actor'] = mediator) => {
    await run('assign', { mediatorId: to.id, mediatorName: to.name }, supervisor);
    return run('accept', {}, to);
  };
  return { handle, run, dispatch };
}

const matching = (caseId: string, type: string, detail: Record<string, unknown> = {}) =>
  world.edge.eventsOf(caseId).filter((e) => e.type === type && Object.entries(detail).every(([k, v]) => e.detail[k] === v));
async function eventFor(caseId: string, type: string, detail: Record<string, unknown> = {}, timeoutMs = 20_000): Promise<CaseEvent> {
  await waitUntil(() => matching(caseId, type, detail).length > 0, timeoutMs, `${type} ${JSON.stringify(detail)}`);
  return matching(caseId, type, detail)[0]!;
}
/** A step the workflow's validator refused, for the reason given (as the API words it). */
const refusal = (reason: RegExp) => ({
  cause: { message: expect.toSatisfy((message: string) => reason.test(refusalReason(refusalOfFailure(message))), `a refusal matching ${reason}`) },
});
const sleepUntil = (instant: string | number, plusMs = 0) => sleep(Math.max(0, new Date(instant).getTime() + plusMs - Date.now()));
/**
 * Every report at the edge once, numbered without a gap. Not in the order they arrived: a step's reports are recorded
 * from its answer, and an earlier report still on its way (the case's opening, a clock's) may come after them.
 */
const expectGaplessSeq = (caseId: string) => {
  const seqs = world.edge.eventsOf(caseId).map((e) => e.seq).sort((a, b) => a - b);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
};

describe('a hard case as the supervisor and the mediator see it', () => {
  it('a dispatched hard case nobody accepts in time comes back for re-dispatch and escalates to the station; acknowledging it keeps it from the county', async () => {
    const input = caseInput(calm({ acknowledgeEscalationWithin: 'PT4S' }), violent);
    await world.withWorker(async (taskQueue) => {
      const { handle, run } = await openCase(taskQueue, input);
      await expect(run('accept', {})).rejects.toMatchObject(refusal(/has not been dispatched to you: a supervisor dispatches it first/));
      expect((await run('assign', { mediatorId: mediator.id }, supervisor)).order).toBe('dispatched');

      const escalated = await eventFor(input.caseId, 'escalated', { level: 1 });
      expect(world.edge.eventsOf(input.caseId).map((e) => [e.type, e.detail.clock ?? null])).toEqual([
        ['triaged', null],
        ['step:assign', null],
        ['clock_warning', 'accept'],
        ['clock_breached', 'accept'],
        ['redispatch_needed', null],
        ['escalated', 'accept'],
      ]);
      expect(escalated).toMatchObject({ notify: 'station', projection: { order: 'awaiting_dispatch', assigneeId: null, escalationLevel: 1 } });
      // Back with the supervisor: the mediator can no longer accept the order on their own.
      await expect(run('accept', {})).rejects.toMatchObject(refusal(/has not been dispatched to you: a supervisor dispatches it first/));

      const acknowledged = await run('acknowledge-escalation', { note: '指挥室已知悉，重新派单' }, supervisor);
      expect(acknowledged.clocks.escalationAck?.stoppedAt).toBeDefined();
      await sleepUntil(escalated.at, 4_000 + 1_500);
      expect(matching(input.caseId, 'escalated', { level: 2 })).toEqual([]);
      expect(matching(input.caseId, 'clock_breached', { clock: 'escalationAck' })).toEqual([]);
      // Acknowledged, and the late acceptance dealt with by sending it back for dispatch: the level comes down,
      // and the case keeps the level it reached.
      const settled = await handle.query(stateQuery);
      expect(settled.escalationLevel).toBe(0);
      expect(settled.escalations).toMatchObject([{ level: 1, cause: 'clock accept' }]);
      expect(matching(input.caseId, 'escalation_cleared', { from: 1 })).toHaveLength(1);
    });
  });

  it('a mediator who stops reporting on a hard case is reminded, then escalated to the station, then to the county when nobody acknowledges', async () => {
    const input = caseInput(calm({ followUpEvery: 'PT4S' }), violent);
    await world.withWorker(async (taskQueue) => {
      const { handle, run } = await openCase(taskQueue, input);
      await run('assign', { mediatorId: otherMediator.id }, supervisor);
      await run('assign', { mediatorId: mediator.id }, supervisor);
      await expect(run('accept', {}, otherMediator)).rejects.toMatchObject(refusal(/only the assigned mediator/));
      const accepted = await run('accept', {});
      expect(accepted).toMatchObject({ order: 'accepted', assignee: { id: mediator.id } });
      expect(accepted.clocks.accept?.stoppedAt).toBeDefined();
      const firstFollowUp = accepted.clocks.followUp!;

      const reminder = await eventFor(input.caseId, 'clock_warning', { clock: 'followUp' });
      expect(reminder.notify).toBe('assignee');
      const reported = await run('submit-follow-up', { report: '双方情绪平稳，已约定下周面谈' });
      const restarted = reported.clocks.followUp!;
      expect(Date.parse(restarted.startedAt)).toBeGreaterThan(Date.parse(firstFollowUp.startedAt));
      expect(Date.parse(restarted.dueAt) - Date.parse(restarted.startedAt)).toBe(4_000);
      expect(restarted.warnedAt).toBeUndefined();
      await sleepUntil(firstFollowUp.dueAt, 500);
      expect(matching(input.caseId, 'clock_breached', { clock: 'followUp' })).toEqual([]);

      // No further report: the restarted clock reminds again, then breaches.
      const breached = await eventFor(input.caseId, 'clock_breached', { clock: 'followUp' });
      expect(breached.detail.dueAt).toBe(restarted.dueAt);
      expect(matching(input.caseId, 'clock_warning', { clock: 'followUp' })).toHaveLength(2);
      const station = await eventFor(input.caseId, 'escalated', { level: 1, clock: 'followUp' });
      const county = await eventFor(input.caseId, 'escalated', { level: 2 });
      expect(county).toMatchObject({ notify: 'county', detail: { unacknowledged: true }, projection: { escalationLevel: 2 } });
      expect(Date.parse(county.at) - Date.parse(station.at)).toBeGreaterThanOrEqual(3_000 - 100);
      expect(matching(input.caseId, 'escalated')).toHaveLength(2);
      expect((await handle.query(stateQuery)).escalationLevel).toBe(2);
      expectGaplessSeq(input.caseId);
    });
  });

  it('a paused case does not breach while paused, and resuming moves its due time on by the pause', async () => {
    const input = caseInput(secondsPolicy);
    await world.withWorker(async (taskQueue) => {
      const { run, dispatch } = await openCase(taskQueue, input);
      // Dispatched and accepted at once, well before the first-contact clock's warning point.
      await dispatch();
      const paused = await run('pause', { reason: '当事人住院，暂缓调解' });
      const pausedWall = Date.now();
      const before = paused.clocks.firstContact!;
      expect(before.pausedAt).toBe(paused.paused?.since);
      expect(Date.parse(before.dueAt)).toBeGreaterThan(pausedWall);
      await expect(run('record-contact', { note: '电话联系' })).rejects.toMatchObject(refusal(/paused/));

      await sleepUntil(before.dueAt, 2_000);
      expect(world.edge.eventsOf(input.caseId).filter((e) => e.type.startsWith('clock_'))).toEqual([]);

      const resumed = await run('resume', {});
      const pauseMs = Date.now() - pausedWall;
      const after = resumed.clocks.firstContact!;
      expect(after.pausedAt).toBeUndefined();
      expect(after.startedAt).toBe(before.startedAt);
      expect(Math.abs(Date.parse(after.dueAt) - Date.parse(before.dueAt) - pauseMs)).toBeLessThan(1_000);
      expect(Date.parse(after.dueAt) - Date.parse(before.dueAt)).toBe(after.pausedMs);
      // What was left when paused is what is left on resuming.
      const leftAtPause = Date.parse(before.dueAt) - Date.parse(paused.paused!.since);
      expect(Math.abs(Date.parse(after.dueAt) - Date.now() - leftAtPause)).toBeLessThan(1_000);
      expect(Date.parse(resumed.clocks.resolve!.dueAt) - Date.parse(paused.clocks.resolve!.dueAt)).toBe(after.pausedMs);

      const breach = await eventFor(input.caseId, 'clock_breached', { clock: 'firstContact' });
      expect(breach.detail.dueAt).toBe(after.dueAt);
      expect(Math.abs(Date.parse(breach.at) - Date.parse(after.dueAt))).toBeLessThan(1_000);
    });
  });

  it('a newer policy re-plans the running first-contact clock from its start; an older or equal version is ignored', async () => {
    const input = caseInput(secondsPolicy);
    await world.withWorker(async (taskQueue) => {
      const { handle } = await openCase(taskQueue, input);
      const longer = { ...secondsPolicy, version: 2, firstContact: { rule: 'within' as const, duration: 'PT30S' } };
      await handle.signal(policyChangedSignal, longer);
      await eventFor(input.caseId, 'policy_changed');
      const replanned = (await handle.query(stateQuery)).clocks.firstContact!;
      expect(replanned.startedAt).toBe(input.filedAt);
      expect(Date.parse(replanned.dueAt)).toBe(Date.parse(input.filedAt) + 30_000);

      await handle.signal(policyChangedSignal, { ...longer, firstContact: { rule: 'within', duration: 'PT5S' } });
      await handle.signal(policyChangedSignal, { ...secondsPolicy, version: 1 });
      // A newer version after the stale ones shows they were read (signals arrive in order) and left alone.
      await handle.signal(policyChangedSignal, { ...longer, version: 3 });
      await waitUntil(() => matching(input.caseId, 'policy_changed').length === 2, 10_000, 'second policy_changed');
      expect(matching(input.caseId, 'policy_changed').map((e) => e.detail.version)).toEqual([2, 3]);
      const state = await handle.query(stateQuery);
      expect(state.policy.version).toBe(3);
      expect(state.clocks.firstContact!.dueAt).toBe(replanned.dueAt);
      await sleepUntil(input.filedAt, 6_000);
      expect(matching(input.caseId, 'clock_breached')).toEqual([]);
    });
  });

  it('an extension the mediator asks for and a supervisor approves moves the resolve deadline by the time asked', async () => {
    const input = caseInput(calm());
    await world.withWorker(async (taskQueue) => {
      const { run, dispatch } = await openCase(taskQueue, input);
      await dispatch();
      const declinedAsk = await run('request-extension', { duration: 'PT30S', reason: '等待鉴定结果' });
      await expect(run('request-extension', { duration: 'PT30S', reason: '再次申请' })).rejects.toMatchObject(refusal(/already waiting/));
      const declined = await run('decide-extension', { approve: false, reason: '鉴定可并行' }, supervisor);
      expect(declined.clocks.resolve!.dueAt).toBe(declinedAsk.clocks.resolve!.dueAt);

      const asked = await run('request-extension', { duration: 'PT90S', reason: '当事人外出务工，月底返乡' });
      expect(asked.pendingExtension).toEqual({ duration: 'PT90S', reason: '当事人外出务工，月底返乡', requestedBy: mediator.id });
      const approved = await run('decide-extension', { approve: true, reason: '同意延期' }, supervisor);
      expect(approved.pendingExtension).toBeUndefined();
      expect(Date.parse(approved.clocks.resolve!.dueAt) - Date.parse(asked.clocks.resolve!.dueAt)).toBe(90_000);
      expect(matching(input.caseId, 'extension_requested').map((e) => [e.detail.duration, e.notify])).toEqual([
        ['PT30S', 'station'],
        ['PT90S', 'station'],
      ]);
    });
  });

  it('a long-running hard case continues as new past its history limit and keeps its order, its reports and its steps', async () => {
    const input: Input = { ...caseInput(calm({ followUpEvery: 'PT120S' }), violent), historyLimit: 60 };
    longCaseId = input.caseId;
    await world.withWorker(async (taskQueue) => {
      const { handle, run } = await openCase(taskQueue, input);
      await run('assign', { mediatorId: mediator.id }, supervisor);
      await run('accept', {});
      for (let i = 1; i <= 25; i++) await run('submit-follow-up', { report: `第 ${i} 次跟进：双方仍在协商` });

      const current = world.env.client.workflow.getHandle(input.caseId);
      await waitUntil(async () => (await current.describe()).runId !== handle.firstExecutionRunId, 10_000, 'a new run');
      const firstRun = await world.env.client.workflow.getHandle(input.caseId, handle.firstExecutionRunId).fetchHistory();
      expect(firstRun.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
      // Past the limit the run settles first: it delivers the reports it held back, 20 to an activity (six events
      // each with its workflow task), while the steps still coming in are taken.
      expect(firstRun.events!.length).toBeLessThan(60 + 60);

      const state = await handle.query(stateQuery);
      expect(state).toMatchObject({ order: 'accepted', hardCase: true, assignee: { id: mediator.id }, status: 'open' });
      expect(matching(input.caseId, 'step:submit-follow-up')).toHaveLength(25);
      expect(matching(input.caseId, 'triaged')).toHaveLength(1);
      expectGaplessSeq(input.caseId);

      const contacted = await run('record-contact', { note: '上门走访，双方同意面谈' });
      expect(contacted.contactedAt).toBeDefined();
      const last = await run('submit-follow-up', { report: '第 26 次跟进' });
      // A step returns once its reports are delivered, so the edge has every one of them.
      expect(world.edge.eventsOf(input.caseId)).toHaveLength(last.seq);
      expectGaplessSeq(input.caseId);
      expect(matching(input.caseId, 'step:submit-follow-up')).toHaveLength(26);
    });
  });

  it('a case whose worker dies before the first-contact deadline is reported overdue exactly once by the next worker, then finishes', async () => {
    const input = caseInput(secondsPolicy);
    const taskQueue = `q-${randomUUID()}`;
    const first = await world.createWorker(taskQueue);
    const firstRunning = first.run();
    const { handle, run, dispatch } = await openCase(taskQueue, input);
    await eventFor(input.caseId, 'triaged');
    first.shutdown();
    await firstRunning;
    const due = Date.parse(input.filedAt) + 4_000;
    expect(Date.now()).toBeLessThan(due);

    await sleepUntil(due, 2_000);
    expect(world.edge.eventsOf(input.caseId).map((e) => e.type)).toEqual(['triaged']);

    const second = await world.createWorker(taskQueue);
    await second.runUntil(async () => {
      await eventFor(input.caseId, 'escalated', { level: 1 });
      await run('acknowledge-escalation', { note: '已督促调解员当天联系' }, supervisor);
      // The station dispatches the late case to its mediator, who accepts it and calls the parties.
      await dispatch();
      await run('record-contact', { note: '电话联系双方，约定周三上门' });
      await run('schedule-session', { at: '2030-11-25T15:00', place: '白乐桥村调解室' });
      await run('record-session', { summary: '双方同意烧烤店加装油烟净化器' });
      expect((await run('record-agreement', { terms: '十日内加装净化器，营业至 22 点' })).status).toBe('resolved');
      await run('record-return-visit', { satisfied: true, note: '回访：油烟已明显减少' });
      await run('record-return-visit', { satisfied: true, note: '二次回访：无新投诉' });
      await run('close', {});
      expect(await handle.result()).toMatchObject({ status: 'closed', outcome: 'agreement' });
    });
    expect(matching(input.caseId, 'clock_breached', { clock: 'firstContact' })).toHaveLength(1);
    expect(matching(input.caseId, 'clock_warning', { clock: 'firstContact' })).toHaveLength(1);
    expect(matching(input.caseId, 'escalated', { level: 1 })).toHaveLength(1);
    expectGaplessSeq(input.caseId);
  });

  it('every history these cases wrote replays against the current workflow code', async () => {
    const client = world.env.client;
    const listAll = async () => {
      const all: { workflowId: string; runId: string }[] = [];
      for await (const { workflowId, runId } of client.workflow.list()) all.push({ workflowId, runId });
      return all;
    };
    // Every case, each case's route workflow, and at least two runs of the long case (visibility may lag a little).
    let listed = await listAll();
    const complete = () =>
      caseIds.every((id) => listed.some((e) => e.workflowId === id) && listed.some((e) => e.workflowId.startsWith(`${id}/route-`))) &&
      listed.filter((e) => e.workflowId === longCaseId).length >= 2;
    await waitUntil(async () => complete() || ((listed = await listAll()), complete()), 10_000, 'every execution listed');
    const histories = await Promise.all(
      listed.map(async ({ workflowId, runId }) => ({ workflowId, history: await client.workflow.getHandle(workflowId, runId).fetchHistory() })),
    );
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: world.bundle }, histories)) {
      expect(result.error, result.workflowId).toBeUndefined();
      replayed += 1;
    }
    expect(replayed).toBe(histories.length);
  });
});
