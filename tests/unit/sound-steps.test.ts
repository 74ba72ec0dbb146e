import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { applyStep, initialState, refuseStep } from '../../domain/lifecycle';
import { defaultSlaPolicy } from '../../domain/policy';
import { stepsOpenNow, whyNoStepIsOpen } from '../../domain/steps-now';
import { triage } from '../../domain/triage';
import { refusal } from '../../schemas/refusal';
import { stepPayloadSchemas, type StepUpdate } from '../../schemas/steps';
import type { Category } from '../../schemas/vocabulary';
import { refusalReason, refusalWords } from '../../workers/i18n/refusals';

const filedAt = '2026-11-23T02:00:00.000Z';
// 11:00 in the county (UTC+08:00).
const now = '2026-11-23T03:00:00.000Z';
const mediator = { id: 'demo-mediator-ly', role: 'mediator' as const, name: '赵调解员' };
const supervisor = { id: 'demo-supervisor-ly', role: 'supervisor' as const, name: '灵隐所指挥室' };

function newCase(category: Category) {
  const start = { caseId: 'c1', caseNumber: 'XH-LY-20261123-0001', channel: 'grid' as const, jurisdictionCode: 'XH-LY', filedAt, policy: defaultSlaPolicy, riskFlags: [] };
  return initialState(start, triage({ category, riskFlags: [], repeat: false }));
}
type State = ReturnType<typeof newCase>;
const take = (state: State, update: StepUpdate) => {
  expect(refuseStep(state, update, now), update.step).toBeUndefined();
  return applyStep(state, update, now);
};
const session = (at: string) => ({ step: 'schedule-session', actor: mediator, payload: { at, place: '村调解室' } }) as const;

function acceptedCase(category: Category = 'neighbour') {
  const state = newCase(category);
  const departments = state.route.route === 'joint' ? { departments: ['police' as const] } : {};
  take(state, { step: 'assign', actor: supervisor, payload: { mediatorId: mediator.id, mediatorName: mediator.name, ...departments } });
  take(state, { step: 'accept', actor: mediator, payload: {} });
  return state;
}

function resolvedCase() {
  const state = acceptedCase();
  take(state, session('2026-11-24T10:00'));
  take(state, { step: 'record-session', actor: mediator, payload: { summary: '双方到场' } });
  take(state, { step: 'record-agreement', actor: mediator, payload: { terms: '加装净化器', requestConfirmation: false } });
  expect(state.status).toBe('resolved');
  return state;
}

describe('a session', () => {
  it('is refused for a time already past, saying the time asked for in the county’s local time', () => {
    const state = acceptedCase();
    const refused = refuseStep(state, session('2026-11-21T10:00'), now);
    expect(refused).toEqual(refusal('sessionInPast', { when: '2026-11-21 10:00' }));
    expect(refusalWords('zh-CN', refused!)).toBe('调解时间 2026-11-21 10:00 已经过去，请约定以后的时间');
    expect(refusalWords('en', refused!)).toBe('The session time 2026-11-21 10:00 has passed: set one to come');
    expect(refusalReason(refused!)).toBe('the session time 2026-11-21 10:00 has passed: set one to come');
  });

  it('may be set for a few minutes ago, as one about to start, and for any time to come', () => {
    const state = acceptedCase();
    expect(refuseStep(state, session('2026-11-23T10:56'), now)).toBeUndefined();
    expect(refuseStep(state, session('2026-11-23T10:54'), now)).toEqual(refusal('sessionInPast', { when: '2026-11-23 10:54' }));
    expect(refuseStep(state, session('2026-11-24T09:00'), now)).toBeUndefined();
  });

  it('is still offered on the page, whose form asks for its time', () => {
    expect(stepsOpenNow(acceptedCase(), mediator, now).map((open) => open.step)).toContain('schedule-session');
  });
});

describe('a joint dispatch', () => {
  it('is refused without a department ticked, and offered with its departments to choose', () => {
    const joint = newCase('land');
    expect(joint.route.route).toBe('joint');
    const bare = { step: 'assign', actor: supervisor, payload: { mediatorId: mediator.id } } as const;
    const refused = refuseStep(joint, bare, now);
    expect(refused).toEqual(refusal('departmentsToDispatch'));
    expect(refusalWords('zh-CN', refused!)).toBe('部门联动化解派单时须勾选至少一个联动部门');
    expect(refusalWords('en', refused!)).toBe('A joint route is dispatched with at least one department ticked');
    expect(stepsOpenNow(joint, supervisor, now).map((open) => open.step)).toContain('assign');
  });

  it('may go to another mediator without naming the departments again', () => {
    const joint = acceptedCase('land');
    expect(refuseStep(joint, { step: 'assign', actor: supervisor, payload: { mediatorId: 'mediator-ly-sun' } }, now)).toBeUndefined();
  });

  it('names no department on another route, as before', () => {
    expect(refuseStep(newCase('neighbour'), { step: 'assign', actor: supervisor, payload: { mediatorId: mediator.id } }, now)).toBeUndefined();
  });
});

describe('a department’s report', () => {
  it('says its outcome: one without it is not a report, and nothing counts it done', () => {
    const schema = stepPayloadSchemas['record-department-report'];
    const missing = v.safeParse(schema, { department: 'market', report: '已现场检查' });
    expect(missing.success).toBe(false);
    expect(missing.issues?.map((issue) => v.getDotPath(issue))).toEqual(['outcome']);
    expect(v.parse(schema, { department: 'market', outcome: 'done', report: '已现场检查' })).toMatchObject({ outcome: 'done' });
  });
});

describe('closing before a due return visit', () => {
  it('is refused to the command room without a reason, and the form asks for one', () => {
    const resolved = resolvedCase();
    const refused = refuseStep(resolved, { step: 'close', actor: supervisor, payload: {} }, now);
    expect(refused).toEqual(refusal('closeEarlyReason', { done: 0, due: 3 }));
    expect(refusalWords('zh-CN', refused!)).toBe('回访尚未完成（已记录 0 次，共需 3 次），提前结案须填写理由');
    expect(refusalWords('en', refused!)).toBe('Return visits are still due (0 of 3 recorded): give a reason for closing early');
    expect(stepsOpenNow(resolved, supervisor, now).find((open) => open.step === 'close')).toEqual({ step: 'close', needsReason: true });
  });

  it('records the reason on the timeline', () => {
    const resolved = resolvedCase();
    const events = take(resolved, { step: 'close', actor: supervisor, payload: { reason: '当事人已搬离，无法回访' } });
    expect(resolved.status).toBe('closed');
    expect(events[0]).toMatchObject({ type: 'step:close', actor: supervisor.id, reason: '当事人已搬离，无法回访', detail: { reason: '当事人已搬离，无法回访' } });
  });

  it('stays the command room’s: a mediator waits for the visits, reason or not', () => {
    const resolved = resolvedCase();
    expect(refuseStep(resolved, { step: 'close', actor: mediator, payload: { reason: '不想回访' } }, now)).toEqual(refusal('visitsDue', { done: 0, due: 3 }));
  });

  it('asks for nothing once the visits are done', () => {
    const resolved = resolvedCase();
    resolved.returnVisits.push(...[1, 2, 3].map(() => ({ at: now, satisfied: true, note: '满意' })));
    expect(refuseStep(resolved, { step: 'close', actor: mediator, payload: {} }, now)).toBeUndefined();
    expect(stepsOpenNow(resolved, supervisor, now).find((open) => open.step === 'close')).toEqual({ step: 'close' });
  });
});

describe('a page with no step open says why', () => {
  it('tells the mediator of a settled case when its first return visit may be recorded', () => {
    const resolved = resolvedCase();
    expect(stepsOpenNow(resolved, mediator, now)).toEqual([]);
    const why = whyNoStepIsOpen(resolved, mediator, now);
    expect(why?.code).toBe('visitNotDue');
    expect(refusalWords('zh-CN', why!)).toMatch(/^第 1 次回访还没到时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（UTC\+08:00）起可以记录$/);
  });

  it('tells a dispatched mediator’s case’s liaison that the mediator must accept it first', () => {
    const state = newCase('labour');
    const departments = state.route.route === 'joint' ? { departments: ['labour' as const] } : {};
    take(state, { step: 'assign', actor: supervisor, payload: { mediatorId: mediator.id, mediatorName: mediator.name, ...departments } });
    const liaison = { id: 'demo-dept-labour', role: 'department' as const, name: '人社联络员', department: 'labour' as const };
    expect(stepsOpenNow(state, liaison, now)).toEqual([]);
    expect(whyNoStepIsOpen(state, liaison, now)).toBeDefined();
  });
});
