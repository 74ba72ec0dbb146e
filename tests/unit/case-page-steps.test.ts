import { describe, expect, it } from 'vitest';
import { applyStep, initialState, refuseStep } from '../../domain/lifecycle';
import { defaultSlaPolicy } from '../../domain/policy';
import { stepsOpenNow } from '../../domain/steps-now';
import { triage } from '../../domain/triage';
import type { StepUpdate } from '../../schemas/steps';
import type { Category, RiskFlag } from '../../schemas/vocabulary';
import * as v from 'valibot';
import { refusal, refusalCodes, refusalSchema, type Refusal, type RefusalCode, type RefusalParamKind } from '../../schemas/refusal';
import { refusalReason, refusalSentence, refusalWords } from '../../workers/i18n/refusals';

const filedAt = '2026-11-23T02:00:00.000Z';
const now = '2026-11-23T03:00:00.000Z';
const mediator = { id: 'demo-mediator-ly', role: 'mediator' as const, name: '赵调解员' };
const supervisor = { id: 'demo-supervisor-ly', role: 'supervisor' as const, name: '灵隐所指挥室' };
const market = { id: 'demo-dept-market', role: 'department' as const, name: '市场监管联络员', department: 'market' as const };

function newCase(category: Category, riskFlags: RiskFlag[] = []) {
  const start = { caseId: 'c1', caseNumber: 'XH-LY-20261123-0001', channel: 'grid' as const, jurisdictionCode: 'XH-LY', filedAt, policy: defaultSlaPolicy, riskFlags };
  return initialState(start, triage({ category, riskFlags, repeat: false }));
}
const take = (state: ReturnType<typeof newCase>, update: StepUpdate) => applyStep(state, update, now);
const names = (open: ReturnType<typeof stepsOpenNow>) => open.map((o) => o.step);

describe('the steps a case page offers', () => {
  it('offers a mediator nothing on a case not dispatched to them, and the supervisor its dispatch and exit', () => {
    const fresh = newCase('neighbour');
    expect(stepsOpenNow(fresh, mediator, now)).toEqual([]);
    const offered = names(stepsOpenNow(fresh, supervisor, now));
    expect(offered).toEqual(expect.arrayContaining(['assign', 'exit', 'pause']));
    expect(offered).not.toContain('accept');
    expect(offered).not.toContain('record-contact');
  });

  it('offers the mediator it was dispatched to its acceptance first, then the work, but no supervisor step', () => {
    const dispatched = newCase('neighbour');
    take(dispatched, { step: 'assign', actor: supervisor, payload: { mediatorId: mediator.id, mediatorName: mediator.name } });
    expect(names(stepsOpenNow(dispatched, mediator, now))).toEqual(['accept']);
    expect(stepsOpenNow(dispatched, { ...mediator, id: 'other-mediator' }, now)).toEqual([]);
    take(dispatched, { step: 'accept', actor: mediator, payload: {} });
    const offered = names(stepsOpenNow(dispatched, mediator, now));
    expect(offered).toEqual(expect.arrayContaining(['record-contact', 'schedule-session', 'pause', 'exit']));
    expect(offered).not.toContain('assign');
    expect(offered).not.toContain('acknowledge-escalation');
    expect(offered).not.toContain('record-session');
    // The command room keeps to its own steps on an accepted case too, and is offered the mediator's only on their behalf.
    const forSupervisor = stepsOpenNow(dispatched, supervisor, now);
    expect(forSupervisor.find((open) => open.step === 'record-contact')).toEqual({ step: 'record-contact', onBehalf: true });
    expect(forSupervisor.find((open) => open.step === 'assign')).toEqual({ step: 'assign' });
  });

  it('records a supervisor’s step on behalf of the absent mediator as such, and refuses it for anyone but the holder', () => {
    const dispatched = newCase('neighbour');
    take(dispatched, { step: 'assign', actor: supervisor, payload: { mediatorId: mediator.id, mediatorName: mediator.name } });
    const onBehalf = { ...supervisor, onBehalfOf: { id: mediator.id, name: mediator.name } };
    const contact = { step: 'record-contact', actor: onBehalf, payload: { note: '电话联系双方' } } as const;
    expect(refuseStep(dispatched, contact, now)).toEqual(refusal('acceptFirst'));
    expect(take(dispatched, { step: 'accept', actor: onBehalf, payload: {} }).map((event) => event.type)).toEqual(['step:accept', 'on_behalf_of']);
    const events = take(dispatched, contact);
    expect(events.map((event) => [event.type, event.actor])).toEqual([
      ['step:record-contact', supervisor.id],
      ['on_behalf_of', supervisor.id],
    ]);
    expect(events[1]!.detail).toEqual({ step: 'record-contact', mediatorId: mediator.id, mediatorName: mediator.name });
    const forSomeoneElse = { ...supervisor, onBehalfOf: { id: 'other-mediator', name: '孙调解员' } };
    expect(refuseStep(dispatched, { step: 'schedule-session', actor: forSomeoneElse, payload: { at: '2026-11-25T15:00', place: '调解室' } }, now)).toEqual(
      refusal('assigneeOnly', { name: '赵调解员' }),
    );
    expect(refuseStep(dispatched, { step: 'schedule-session', actor: supervisor, payload: { at: '2026-11-25T15:00', place: '调解室' } }, now)).toEqual(
      refusal('mediatorsStep', { name: '赵调解员' }),
    );
  });

  it('offers a hard case to a supervisor for dispatch, and to a mediator nothing of the mediation before it is accepted', () => {
    const hard = newCase('neighbour', ['violence']);
    expect(names(stepsOpenNow(hard, supervisor, now))).toContain('assign');
    expect(names(stepsOpenNow(hard, mediator, now))).not.toContain('schedule-session');
  });

  it('offers a department its own report on a joint route once departments are named, and nothing else', () => {
    const joint = newCase('land');
    expect(stepsOpenNow(joint, market, now)).toEqual([]);
    take(joint, { step: 'assign', actor: supervisor, payload: { mediatorId: mediator.id, mediatorName: mediator.name, departments: ['police', 'market'], lead: 'police' } });
    expect(stepsOpenNow(joint, market, now)).toEqual([{ step: 'record-department-report', departments: ['market'] }]);
    take(joint, { step: 'record-department-report', actor: market, payload: { department: 'market', outcome: 'done', report: '已整改' } });
    expect(stepsOpenNow(joint, market, now)).toEqual([]);
  });

  it('offers nothing on a closed case', () => {
    const closed = newCase('neighbour');
    take(closed, { step: 'exit', actor: supervisor, payload: { kind: 'withdrawn', reason: '申请人撤回' } });
    expect(stepsOpenNow(closed, supervisor, now)).toEqual([]);
  });
});

describe('a refusal', () => {
  it('reads in Chinese on a page, its values in the page’s words, and in English with a capital', () => {
    expect(refusalWords('zh-CN', refusal('contactRecorded'))).toBe('首次联系已经记录过了');
    expect(refusalWords('zh-CN', refusal('routeFinished', { route: 'grassroots', stage: 'resolved' }))).toBe('基层组织化解已结束（已化解）');
    expect(refusalWords('zh-CN', refusal('assigneeOnly', { name: '赵调解员' }))).toBe('只有承办调解员（赵调解员）才能办理本案');
    expect(refusalWords('zh-CN', refusal('assigneeOnly', { name: null }))).toBe('只有承办调解员才能办理本案');
    expect(refusalWords('zh-CN', refusal('notDispatchedToYou'))).toBe('本案尚未派给您：须先由指挥室派单');
    expect(refusalWords('zh-CN', refusal('mediatorsStep', { name: '赵调解员' }))).toBe('指挥室不代替调解员办理这一步骤：由承办调解员（赵调解员）办理');
    expect(refusalWords('zh-CN', refusal('supervisorOnly', { step: 'acknowledge-escalation' }))).toBe('只有指挥室才能签收升级');
    expect(refusalWords('en', refusal('contactRecorded'))).toBe('First contact is already recorded');
  });

  it('reads in the API as the English it always did, its values as the API names them', () => {
    expect(refusalReason(refusal('routeFinished', { route: 'grassroots', stage: 'resolved' }))).toBe('the grassroots route is already resolved');
    expect(refusalReason(refusal('supervisorOnly', { step: 'acknowledge-escalation' }))).toBe('only a supervisor may acknowledge escalation');
    expect(refusalReason(refusal('departmentsWaiting', { departments: ['police', 'market'] }))).toBe(
      'the lead cannot close before every department has reported back; waiting for: police, market',
    );
    expect(refusalSentence(refusal('assigneeOnly', { name: '赵调解员' }))).toBe('Only the assigned mediator (赵调解员) may step this case.');
  });

  const sample: { [K in RefusalParamKind]: unknown } = {
    text: '外出', number: 2, status: 'resolved', route: 'judicial', routeStage: 'failed', department: 'market',
    departments: ['police', 'market'], riskFlags: ['violence'], step: 'assign', holder: '赵调解员', instant: '2026-11-24T08:30:00.000Z', attachmentKind: 'photo',
  };
  it.each(Object.keys(refusalCodes) as RefusalCode[])('%s has words in Chinese and English that name every value it carries', (code) => {
    const kinds = refusalCodes[code] as Record<string, RefusalParamKind>;
    const refused = { code, params: Object.fromEntries(Object.entries(kinds).map(([name, kind]) => [name, sample[kind]])) } as Refusal;
    expect(v.is(refusalSchema, refused)).toBe(true);
    for (const text of [refusalWords('zh-CN', refused), refusalWords('en', refused), refusalReason(refused)]) {
      expect(text).not.toMatch(/[{}]|undefined/);
      expect(text.length).toBeGreaterThan(3);
    }
    expect(refusalWords('zh-CN', refused)).toMatch(/[\u4e00-\u9fff]/);
    // Each value shows in the words: a text or a number as it is, a word of the vocabulary in the page's words.
    for (const [name, kind] of Object.entries(kinds)) {
      if (kind === 'text' || kind === 'number' || kind === 'holder') expect(refusalWords('zh-CN', refused), name).toContain(String(sample[kind]));
    }
  });
});
