import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeInput } from '../../schemas/intake';
import { caseInput, mediator, openCaseOn, secondsPolicy, startWorkflowEnv, supervisor, type WorkflowEnv } from '../support/workflow-env';

/**
 * Steps the workflow's validator refuses for what the case is or what time it is, through a real Temporal server:
 * nothing refused reaches the timeline; an early close says why, and its reason is kept.
 */
let world: WorkflowEnv;
beforeAll(async () => {
  world = await startWorkflowEnv();
});
afterAll(async () => world?.teardown());

// Return visits far off, so the case stays resolved with every visit still due while the test closes it.
const policy = { ...secondsPolicy, firstContact: { rule: 'within' as const, duration: 'PT600S' }, returnVisitsAfter: ['PT600S', 'PT1200S'] };
const openCase = (taskQueue: string, intake: Partial<IntakeInput<'grid'>> = {}) => openCaseOn(world, taskQueue, caseInput(policy, intake));

/** The county's local time (UTC+08:00) `ms` from now, as a form sends it. */
const localIn = (ms: number) => new Date(Date.now() + ms + 8 * 3_600_000).toISOString().slice(0, 16);

describe('steps that are sound', () => {
  it('refuses a session set in the past, and takes one set for a time to come', async () => {
    await world.withWorker(async (taskQueue) => {
      const c = await openCase(taskQueue);
      await c.dispatch();
      const past = localIn(-2 * 86_400_000);
      expect(await c.refusal('schedule-session', { at: past, place: '村调解室' })).toBe(`the session time ${past.replace('T', ' ')} has passed: set one to come`);
      const scheduled = await c.run('schedule-session', { at: localIn(86_400_000), place: '村调解室' });
      expect(scheduled.route.sessionsScheduled).toBe(1);
    });
  });

  it('refuses a joint dispatch without a department, and a department’s report without its outcome', async () => {
    await world.withWorker(async (taskQueue) => {
      const c = await openCase(taskQueue, { category: 'land' });
      expect(await c.refusal('assign', { mediatorId: mediator.id, mediatorName: mediator.name }, supervisor)).toBe(
        'a joint route is dispatched with at least one department ticked',
      );
      await c.dispatch(mediator, { departments: ['market'] });
      const liaison = { id: 'demo-dept-market', role: 'department' as const, name: '市场监管联络员', department: 'market' as const };
      // Not a step at all to the validator: a program that leaves the outcome out is told which field is missing.
      expect(await c.refusal('record-department-report', { department: 'market', report: '已检查' } as never, liaison)).toMatch(/^not a step: .*outcome/);
      expect((await c.state()).route.departments).toEqual({ market: 'pending' });
    });
  });

  it('closes a resolved case before its return visits only with a reason, which the timeline keeps', async () => {
    await world.withWorker(async (taskQueue) => {
      const c = await openCase(taskQueue);
      await c.dispatch();
      await c.run('schedule-session', { at: localIn(86_400_000), place: '村调解室' });
      await c.run('record-session', { summary: '双方到场' });
      expect((await c.run('record-agreement', { terms: '加装净化器' })).status).toBe('resolved');
      expect(await c.refusal('close', {}, mediator)).toBe('return visits are still due: 0 of 2 recorded');
      expect(await c.refusal('close', { note: '结案' }, supervisor)).toBe('return visits are still due (0 of 2 recorded): give a reason for closing early');
      const closed = await c.run('close', { reason: '当事人已搬离本地，无法回访' }, supervisor);
      expect(closed.status).toBe('closed');
      expect(c.events().find((event) => event.type === 'step:close')).toMatchObject({ actor: supervisor.id, reason: '当事人已搬离本地，无法回访' });
    });
  });
});
