import { describe, expect, it } from 'vitest';
import { departmentDeadlines, readDepartmentDeadline } from '../../domain/department-deadlines';
import { defaultSlaPolicy, policyHeldAt } from '../../domain/policy';

const dayMs = 86_400_000;
const t0 = Date.parse('2026-11-23T02:00:00.000Z');
const day = (n: number) => new Date(t0 + n * dayMs).toISOString();
const route = { startedAt: day(-1), stage: 'working' as const };
const policy = { departmentReportWithin: 'P10D', warnAtShare: 0.8, utcOffset: '+08:00' };

const assign = (at: string, departments: string[]) => ({ type: 'step:assign', at, detail: { mediatorId: 'demo-mediator-ly', departments, lead: departments[0] } });
const report = (at: string, department: string, outcome: string, moreTime?: string) => ({
  type: 'step:record-department-report',
  at,
  detail: { department, outcome, report: '已处理', ...(moreTime ? { moreTime } : {}) },
});

describe('a department’s report deadline', () => {
  it('runs from the dispatch that names the department for the policy’s allowance, warning at its share', () => {
    const deadlines = departmentDeadlines([assign(day(0), ['market', 'police'])], route, policy);
    expect(deadlines.get('market')).toEqual({ kind: 'running', startedAt: day(0), warnAt: day(8), dueAt: day(10) });
    expect(deadlines.get('police')).toEqual(deadlines.get('market'));
    const running = deadlines.get('market')!;
    if (running.kind !== 'running') throw new Error('running');
    expect(readDepartmentDeadline(running, t0 + 7 * dayMs)).toMatchObject({ state: 'running', late: false, msLeft: 3 * dayMs });
    expect(readDepartmentDeadline(running, t0 + 9 * dayMs)).toMatchObject({ state: 'warning', late: false, msLeft: dayMs });
    expect(readDepartmentDeadline(running, t0 + 11 * dayMs)).toMatchObject({ state: 'breached', late: true, msLeft: -dayMs });
  });

  it('counts an allowance in working days from the day after the dispatch, to 24:00 of its last day', () => {
    // Dispatched on Monday 23 November at 10:00 in the county: Tuesday, Wednesday, Thursday.
    const deadlines = departmentDeadlines([assign(day(0), ['market'])], route, { ...policy, departmentReportWithin: 'P3WD' });
    expect(deadlines.get('market')).toMatchObject({ dueAt: '2026-11-26T16:00:00.000Z' });
  });

  it('keeps the first dispatch’s start for a department named again, and starts one named later from its own', () => {
    const deadlines = departmentDeadlines([assign(day(0), ['market']), assign(day(2), ['market', 'labour'])], route, policy);
    expect(deadlines.get('market')).toMatchObject({ dueAt: day(10) });
    expect(deadlines.get('labour')).toMatchObject({ startedAt: day(2), dueAt: day(12) });
  });

  it('moves on from the deadline by the time asked when more time is asked before it', () => {
    const deadlines = departmentDeadlines([assign(day(0), ['police']), report(day(2), 'police', 'more_time', 'P3D')], route, policy);
    expect(deadlines.get('police')).toEqual({ kind: 'running', startedAt: day(0), warnAt: new Date(t0 + Math.round(13 * dayMs * 0.8)).toISOString(), dueAt: day(13) });
  });

  it('moves on from the report by the time asked when more time is asked after it, and again for a second ask', () => {
    const events = [assign(day(0), ['police']), report(day(12), 'police', 'more_time', 'P3D')];
    expect(departmentDeadlines(events, route, policy).get('police')).toMatchObject({ dueAt: day(15) });
    expect(departmentDeadlines([...events, report(day(13), 'police', 'more_time', 'P2D')], route, policy).get('police')).toMatchObject({ dueAt: day(17) });
  });

  it('ends with a report that it is done or not the department’s matter, saying when it answered', () => {
    const events = [
      assign(day(0), ['market', 'police', 'labour']),
      report(day(1), 'market', 'done'),
      report(day(11), 'police', 'refused'),
      // Nothing after an answer moves anything: the route refuses a second report.
      report(day(12), 'market', 'more_time', 'P3D'),
    ];
    const deadlines = departmentDeadlines(events, route, policy);
    expect(deadlines.get('market')).toEqual({ kind: 'answered', answeredAt: day(1) });
    expect(deadlines.get('police')).toEqual({ kind: 'answered', answeredAt: day(11) });
    expect(deadlines.get('labour')).toMatchObject({ kind: 'running', dueAt: day(10) });
  });

  it('leaves out what was named on a route the case left, and has none running once its route is over', () => {
    const events = [assign(day(-3), ['fire']), assign(day(0), ['market', 'police']), report(day(1), 'market', 'done')];
    expect([...departmentDeadlines(events, route, policy).keys()]).toEqual(['market', 'police']);
    const over = departmentDeadlines(events, { ...route, stage: 'failed' }, policy);
    expect([...over.entries()]).toEqual([['market', { kind: 'answered', answeredAt: day(1) }]]);
  });
});

describe('the policy a route began under', () => {
  const configured = { ...defaultSlaPolicy, version: 1, departmentReportWithin: 'P10D' };
  const v2 = { ...defaultSlaPolicy, version: 2, departmentReportWithin: 'P5D' };
  const v3 = { ...defaultSlaPolicy, version: 3, departmentReportWithin: 'P7D' };
  const published = [
    { policy: v3, publishedAt: day(4) },
    { policy: v2, publishedAt: day(1) },
  ];
  const heard = (at: string, version: number) => ({ type: 'policy_changed', at, detail: { version } });

  it('is the one in force when the case was filed while it heard of no newer one', () => {
    expect(policyHeldAt(configured, published, [], day(0), day(3)).version).toBe(1);
    expect(policyHeldAt(configured, published, [], day(2), day(3)).version).toBe(2);
  });

  it('is the newest its timeline heard before the route began, not one published or heard after', () => {
    const events = [heard(day(1), 2), heard(day(4), 3)];
    expect(policyHeldAt(configured, published, events, day(0), day(3)).departmentReportWithin).toBe('P5D');
    expect(policyHeldAt(configured, published, events, day(0), day(5)).departmentReportWithin).toBe('P7D');
  });

  it('is the configured one when it is newer than anything published', () => {
    expect(policyHeldAt({ ...configured, version: 5 }, published, [heard(day(1), 2)], day(2), day(3)).version).toBe(5);
  });
});
