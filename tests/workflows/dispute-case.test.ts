import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredReports, stateQuery, stepUpdate } from '../../workflows/definitions';
import { caseInput, mediator, secondsPolicy, startWorkflowEnv, step, supervisor, takeStepOn, waitUntil, type WorkflowEnv } from '../support/workflow-env';

let world: WorkflowEnv;
beforeAll(async () => {
  world = await startWorkflowEnv({ refuseFirstTry: true });
});
afterAll(async () => world?.teardown());

describe('disputeCase against a real Temporal dev server', () => {
  it('warns, then marks the case overdue when nobody contacts the parties in time; each report lands once', async () => {
    const input = caseInput(secondsPolicy);
    await world.withWorker(async (taskQueue) => {
      const handle = await world.env.client.workflow.start('disputeCase', { taskQueue, workflowId: input.caseId, args: [input] });
      const planned = await handle.query(stateQuery);
      expect(Date.parse(planned.clocks.firstContact!.dueAt) - Date.parse(input.filedAt)).toBe(4_000);
      await waitUntil(() => world.edge.eventsOf(input.caseId).some((e) => e.type === 'escalated'), 20_000, 'escalation');
      await handle.terminate('test finished');
    });
    const events = world.edge.eventsOf(input.caseId);
    expect(events.map((e) => [e.seq, e.type, e.detail.clock ?? null])).toEqual([
      [1, 'triaged', null],
      [2, 'clock_warning', 'firstContact'],
      [3, 'clock_breached', 'firstContact'],
      [4, 'escalated', 'firstContact'],
    ]);
    // Every report was refused once and retried, and still landed once.
    expect(world.edge.attempts.get(`${input.caseId}#2`)).toBe(2);
    expect(events[2]!.projection.overdue).toBe(true);
    expect(events[3]!.projection.escalationLevel).toBe(1);
  });

  it('answers a step at once with the reports it drafted; their delivery, refused once here, comes later and lands once', async () => {
    const input = caseInput(secondsPolicy);
    await world.withWorker(async (taskQueue) => {
      const handle = await world.env.client.workflow.start('disputeCase', { taskQueue, workflowId: input.caseId, args: [input] });
      await waitUntil(() => world.edge.eventsOf(input.caseId).some((e) => e.type === 'triaged'), 20_000, 'triage report');
      const answer = await handle.executeUpdate(stepUpdate, { args: [step('assign', { mediatorId: mediator.id, mediatorName: mediator.name }, supervisor)] });
      const reports = answeredReports(answer);
      expect(reports.map((report) => [report.type, report.projection.order, report.projection.assigneeId])).toEqual([['step:assign', 'dispatched', mediator.id]]);
      const [seq] = reports.map((report) => report.seq);
      // The edge records these itself; the activity's first try was refused and its retry has not come yet.
      expect(world.edge.eventsOf(input.caseId).some((e) => e.seq === seq)).toBe(false);
      await waitUntil(() => world.edge.eventsOf(input.caseId).some((e) => e.seq === seq), 20_000, 'the delivery');
      expect(world.edge.eventsOf(input.caseId).filter((e) => e.seq === seq)).toHaveLength(1);
      await handle.terminate('test finished');
    });
  });

  it('holds a step’s reports back as the backstop while the edge has them, and sends them before the next report goes out', async () => {
    // A backstop longer than the test: only the first-contact warning, two seconds in, can bring the step's report.
    const input = { ...caseInput(secondsPolicy), backstopAfterMs: 60_000 };
    await world.withWorker(async (taskQueue) => {
      const handle = await world.env.client.workflow.start('disputeCase', { taskQueue, workflowId: input.caseId, args: [input] });
      await waitUntil(() => world.edge.eventsOf(input.caseId).some((e) => e.type === 'triaged'), 20_000, 'triage report');
      // The edge that took this step died before it could record the answer: nobody records its reports here.
      const [assigned] = answeredReports(await handle.executeUpdate(stepUpdate, { args: [step('assign', { mediatorId: mediator.id, mediatorName: mediator.name }, supervisor)] }));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(world.edge.eventsOf(input.caseId).map((e) => e.type)).toEqual(['triaged']);
      await waitUntil(() => world.edge.eventsOf(input.caseId).some((e) => e.type === 'clock_warning'), 20_000, 'the warning');
      const events = world.edge.eventsOf(input.caseId);
      expect(events.map((e) => [e.seq, e.type])).toEqual([
        [1, 'triaged'],
        [assigned!.seq, 'step:assign'],
        [assigned!.seq + 1, 'clock_warning'],
      ]);
      await handle.terminate('test finished');
    });
  });

  it('runs a grassroots case from filing to closing, its history replaying without a determinism violation', async () => {
    const input = caseInput(secondsPolicy);
    const history = await world.withWorker(async (taskQueue) => {
      const handle = await world.env.client.workflow.start('disputeCase', { taskQueue, workflowId: input.caseId, args: [input] });
      const run = (s: Parameters<typeof step>[0], payload: object, actor: Parameters<typeof step>[2] = mediator) =>
        takeStepOn(world, handle, input.caseId, step(s, payload as never, actor));
      // A case is stepped once it is open: its first report at the edge, as the edge's own steps wait for it.
      await waitUntil(() => world.edge.eventsOf(input.caseId).some((e) => e.type === 'triaged'), 20_000, 'triage report');
      // The station dispatches the case to its mediator, who accepts it.
      await run('assign', { mediatorId: mediator.id, mediatorName: mediator.name }, supervisor);
      await run('accept', {});
      await run('record-contact', { note: '电话联系双方，约定周三上门' });
      await run('schedule-session', { at: '2030-11-25T15:00', place: '白乐桥村调解室' });
      await run('record-session', { summary: '双方同意烧烤店加装油烟净化器' });
      const resolved = await run('record-agreement', { terms: '十日内加装净化器，营业至 22 点' });
      expect(resolved.status).toBe('resolved');
      expect(resolved.clocks.firstContact?.stoppedAt).toBeDefined();
      await run('record-return-visit', { satisfied: true, note: '回访：油烟已明显减少' });
      await run('record-return-visit', { satisfied: true, note: '二次回访：无新投诉' });
      const closed = await run('close', {});
      expect(closed.status).toBe('closed');
      expect(await handle.result()).toMatchObject({ status: 'closed', outcome: 'agreement' });
      return handle.fetchHistory();
    });
    const events = world.edge.eventsOf(input.caseId);
    // Every report once, without a gap; a step's reports are recorded from its answer, so not always in arrival order.
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toContain('resolved');
    const replay = Worker.runReplayHistories({ workflowBundle: world.bundle }, [{ workflowId: input.caseId, history }]);
    for await (const result of replay) expect(result.error).toBeUndefined();
  });

  it('replays a case recorded when each step’s reports were delivered at once, one activity a report', async () => {
    const recorded = JSON.parse(readFileSync(join(import.meta.dirname, 'histories', 'case-before-steps-handed-their-reports-over.json'), 'utf8'));
    const history = temporal.api.history.v1.History.fromObject(recorded.history);
    const events = history.events ?? [];
    expect(events.filter((event) => event.workflowExecutionUpdateCompletedEventAttributes).length).toBe(12);
    expect(events.filter((event) => event.activityTaskScheduledEventAttributes).length).toBe(22);
    const replay = Worker.runReplayHistories({ workflowBundle: world.bundle }, [{ workflowId: recorded.workflowId, history }]);
    for await (const result of replay) expect(result.error).toBeUndefined();
  });

  it('replays a case whose steps were taken when a step still waited for its delivery and answered with the state', async () => {
    const recorded = JSON.parse(readFileSync(join(import.meta.dirname, 'histories', 'case-before-steps-answered-with-reports.json'), 'utf8'));
    const history = temporal.api.history.v1.History.fromObject(recorded.history);
    expect(history.events?.filter((event) => event.workflowExecutionUpdateCompletedEventAttributes).length).toBe(3);
    const replay = Worker.runReplayHistories({ workflowBundle: world.bundle }, [{ workflowId: recorded.workflowId, history }]);
    for await (const result of replay) expect(result.error).toBeUndefined();
  });
});
