import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchTally } from '../../domain/batch-clocks';
import type { BatchWorkflowInput } from '../../schemas/batch-workflow';
import { batchWorkflowId } from '../../schemas/workflow-names';
import { batchStateQuery, instructionFeedbackSignal } from '../../workflows/definitions';
import { startWorkflowEnv, waitUntil, type WorkflowEnv } from '../support/workflow-env';

let world: WorkflowEnv;
beforeAll(async () => {
  // Every report is refused once, like an edge restarting, and must still land once.
  world = await startWorkflowEnv({ refuseFirstTry: true });
});
afterAll(async () => world?.teardown());

/** A batch under a policy in seconds: each line has `feedbackWithin` to answer. */
const batchInput = (lines: number[], feedbackWithin = 'PT4S', change: Partial<BatchWorkflowInput> = {}): BatchWorkflowInput & { batchId: string } => ({
  batchId: `test-${randomUUID()}`,
  feedbackWithin,
  warnAtShare: 0.5,
  lines,
  ...change,
});

const reportsOf = (batchId: string) => world.edge.eventsOf(batchId) as unknown as Record<string, any>[];

describe('batchDispatch against a real Temporal dev server', () => {
  it('reminds the lines without feedback at their warning point, marks them overdue, stops the answered ones, reports each change once and ends', async () => {
    const input = batchInput([1, 2, 3]);
    const history = await world.withWorker(async (taskQueue) => {
      const handle = await world.env.client.workflow.start('batchDispatch', { taskQueue, workflowId: batchWorkflowId(input.batchId), args: [input] });
      const planned = await handle.query(batchStateQuery);
      expect(Object.keys(planned.clocks)).toEqual(['1', '2', '3']);
      const clock = planned.clocks['1']!;
      expect(Date.parse(clock.dueAt) - Date.parse(clock.startedAt)).toBe(4_000);
      await handle.signal(instructionFeedbackSignal, { batchId: input.batchId, line: 2, at: new Date().toISOString() });
      const finished = await handle.result();
      expect(finished.clocks['2']!.stoppedAt).toBeDefined();
      expect(finished.clocks['2']!.breachedAt).toBeUndefined();
      expect(finished.clocks['1']!.breachedAt).toBeDefined();
      return handle.fetchHistory();
    });
    const reports = reportsOf(input.batchId);
    expect(reports.map((r) => [r.seq, r.type])).toEqual([
      [1, 'dispatched'],
      [2, 'warning'],
      [3, 'overdue'],
      [4, 'completed'],
    ]);
    expect(reports[0]).toMatchObject({ lines: [1, 2, 3] });
    // Halfway to the due time the assignees still owing feedback are reminded, once; the line answered is not.
    expect(reports[1]).toMatchObject({ lines: [1, 3] });
    expect(Date.parse(reports[1]!.at) - Date.parse(reports[0]!.at)).toBeGreaterThanOrEqual(2_000);
    expect(reports[2]).toMatchObject({ lines: [1, 3] });
    expect(reports[3]).toMatchObject({ answered: 1, overdue: 2 });
    // Each report was refused once and retried, and still was kept once.
    expect(world.edge.attempts.get(`${input.batchId}#2`)).toBe(2);
    const replay = Worker.runReplayHistories({ workflowBundle: world.bundle }, [{ workflowId: batchWorkflowId(input.batchId), history }]);
    for await (const result of replay) expect(result.error).toBeUndefined();
  });

  it('ends without an overdue line when every instruction gets its feedback in time', async () => {
    const input = batchInput([4, 7], 'PT60S');
    await world.withWorker(async (taskQueue) => {
      const handle = await world.env.client.workflow.start('batchDispatch', { taskQueue, workflowId: batchWorkflowId(input.batchId), args: [input] });
      for (const line of [4, 7]) await handle.signal(instructionFeedbackSignal, { batchId: input.batchId, line, at: new Date().toISOString() });
      // A second feedback for a stopped clock changes nothing.
      await handle.signal(instructionFeedbackSignal, { batchId: input.batchId, line: 4, at: new Date().toISOString() });
      await handle.result();
    });
    await waitUntil(() => reportsOf(input.batchId).length === 2, 10_000, 'the completed report');
    expect(reportsOf(input.batchId).map((r) => r.type)).toEqual(['dispatched', 'completed']);
    expect(reportsOf(input.batchId)[1]).toMatchObject({ answered: 2, overdue: 0 });
  });

  it('holds a 500-line batch in one execution that continues as new, numbering its reports on; its histories replay', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => i + 1);
    // Long enough that every answer lands in time on a busy machine; the other half then goes overdue.
    const input = batchInput(lines, 'PT20S', { historyLimit: 50 });
    const workflowId = batchWorkflowId(input.batchId);
    const histories = await world.withWorker(async (taskQueue) => {
      const handle = await world.env.client.workflow.start('batchDispatch', { taskQueue, workflowId, args: [input] });
      // Feedback on every other line, each a signal that wakes the workflow and grows its history past the limit.
      const answered = lines.filter((l) => l % 2 === 0);
      for (let from = 0; from < answered.length; from += 25) {
        await Promise.all(answered.slice(from, from + 25).map((line) => handle.signal(instructionFeedbackSignal, { batchId: input.batchId, line, at: new Date().toISOString() })));
      }
      const finished = await world.env.client.workflow.getHandle(workflowId).result();
      expect(batchTally(finished.clocks)).toEqual({ answered: 250, overdue: 250 });
      const runs: { workflowId: string; history: Awaited<ReturnType<typeof handle.fetchHistory>> }[] = [];
      for await (const execution of world.env.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
        runs.push({ workflowId, history: await world.env.client.workflow.getHandle(workflowId, execution.runId).fetchHistory() });
      }
      return runs;
    });
    expect(histories.length).toBeGreaterThan(1);
    const reports = reportsOf(input.batchId);
    expect(reports.map((r) => r.seq)).toEqual(reports.map((_, i) => i + 1));
    expect(reports.map((r) => r.type)).toEqual(['dispatched', 'warning', 'overdue', 'completed']);
    // Every unanswered line was reminded; an answer that came after the warning point may have been too.
    expect(reports[1]!.lines).toEqual(expect.arrayContaining(lines.filter((l) => l % 2 === 1)));
    expect(reports[2]!.lines).toHaveLength(250);
    const replay = Worker.runReplayHistories({ workflowBundle: world.bundle }, histories);
    for await (const result of replay) expect(result.error).toBeUndefined();
  });
});
