import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, officialCalendar, readDay } from '../../domain/calendar/working-days';
import { localDay } from '../../domain/clocks/local-time';
import type { SlaPolicy } from '../../schemas/policy';
import { departmentWorkflowId, routeWorkflowId } from '../../schemas/workflow-names';
import { caseInput, openCaseOn, secondsPolicy, startWorkflowEnv, supervisor, waitUntil, type WorkflowEnv } from '../support/workflow-env';

let world: WorkflowEnv;
beforeAll(async () => {
  world = await startWorkflowEnv();
});
afterAll(async () => world?.teardown());

/** 24:00 (+08:00) of the n-th working day after today, walked day by day through the official calendar. */
function endOfWorkingDay(n: number, countyHoliday?: string): string {
  let date = localDay(new Date(), '+08:00');
  for (let left = n; left > 0; ) {
    date = addDays(date, 1);
    if (date !== countyHoliday && readDay(officialCalendar, date).working) left -= 1;
  }
  return new Date(Date.parse(`${addDays(date, 1)}T00:00:00+08:00`)).toISOString();
}

describe('a policy counted in working days', () => {
  it('gives a case its resolution deadline at 24:00 of the working day counted, the county’s own holiday left out', async () => {
    const countyHoliday = (() => {
      // The county declares the next working day a local holiday: the count steps over it.
      let date = localDay(new Date(), '+08:00');
      do date = addDays(date, 1);
      while (!readDay(officialCalendar, date).working);
      return date;
    })();
    const policy: SlaPolicy = {
      ...secondsPolicy,
      firstContact: { rule: 'within', duration: 'PT600S' },
      dispatchWithin: 'PT600S',
      resolveWithin: { grassroots: 'P2WD', judicial: 'P2WD', joint: 'P2WD' },
      calendar: { official: 'chinese-days 1.5.7', countyDays: [{ date: countyHoliday, kind: 'holiday', name: '县庆' }] },
    };
    await world.withWorker(async (taskQueue) => {
      const c = await openCaseOn(world, taskQueue, caseInput(policy, { category: 'neighbour' }));
      const state = await c.state();
      expect(state.clocks.resolve?.dueAt).toBe(endOfWorkingDay(2, countyHoliday));
      // The warning comes when the share of that span is used up, measured in the clock's own time.
      const span = Date.parse(state.clocks.resolve!.dueAt) - Date.parse(state.clocks.resolve!.startedAt);
      expect(Date.parse(state.clocks.resolve!.warnAt) - Date.parse(state.clocks.resolve!.startedAt)).toBe(Math.round(span * policy.warnAtShare));
    });
  });

  it('gives each department of a joint route its report deadline in working days', async () => {
    const policy: SlaPolicy = { ...secondsPolicy, firstContact: { rule: 'within', duration: 'PT600S' }, dispatchWithin: 'PT600S', departmentReportWithin: 'P1WD' };
    await world.withWorker(async (taskQueue) => {
      const c = await openCaseOn(world, taskQueue, caseInput(policy, { category: 'land' }));
      await c.run('assign', { mediatorId: 'demo-mediator-ly', mediatorName: '赵调解员', departments: ['market'] }, supervisor);
      const child = world.env.client.workflow.getHandle(departmentWorkflowId(routeWorkflowId(c.caseId, 0, 'joint'), 'market'));
      // The department's task waits for its report until 24:00 of the next working day.
      const timerOf = async () => (await child.fetchHistory()).events?.find((event) => event.timerStartedEventAttributes);
      await waitUntil(() => timerOf().then(Boolean, () => false), 10_000, 'the department’s deadline timer');
      const timer = (await timerOf())!;
      const firesAt = Number(timer.eventTime!.seconds) * 1000 + Number(timer.timerStartedEventAttributes!.startToFireTimeout!.seconds) * 1000;
      expect(Math.abs(firesAt - Date.parse(endOfWorkingDay(1)))).toBeLessThan(2_000);
    });
  });
});
