import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { formatLocal } from '../../domain/clocks/local-time';
import { formatDeadline } from '../../workers/kit/local-time';
import { fileCase, newMarker } from '../support/case-lists';
import { postReport, workflowReport } from '../support/reports';
import { edgeOnlyStack, sessionCookieOf } from '../support/stack';

/**
 * Each department's report deadline on a joint case, as its page and the department liaison's home show it. Temporal
 * is unreachable; the case's timeline is what its workflow would have reported of a dispatch naming three departments
 * eleven days ago under the default policy (ten days to report): one answered on the second day, one late, one that
 * asked for three more days after its deadline had passed.
 */
let stack: Stack;
let joint: { id: string; caseNumber: string };

const dayMs = 86_400_000;
const offset = '+08:00';
// Half an hour past a whole day, so the words stay the same however long the test takes.
const dispatchedAt = Date.now() - 11 * dayMs - 30 * 60_000;
const at = (days: number) => new Date(dispatchedAt + days * dayMs).toISOString();
const holder = { id: 'demo-mediator-ly', name: '赵调解员' };
const routeStartedAt = at(-1);

type Departments = Record<'police' | 'market' | 'labour', 'pending' | 'reported' | 'refused' | 'overdue'>;

/** What the case's workflow would report: an event at its time, with the case as it stood after it. */
async function report(seq: number, type: string, when: string, detail: Record<string, unknown>, departments: Partial<Departments>) {
  const sent = workflowReport(seq, {
    type,
    at: when,
    detail,
    projection: { route: 'joint', order: 'dispatched', assigneeId: holder.id },
    progress: {
      assignee: holder,
      route: { route: 'joint', index: 0, startedAt: routeStartedAt, stage: 'working', sessionsScheduled: 0, sessionsHeld: 0, lead: 'police', departments },
    },
  });
  const answer = await postReport(stack.edgeUrl, joint.id, sent, stack.options.internalSecret);
  expect(answer.status).toBe(200);
}

beforeAll(async () => {
  let gridWorker: Parameters<typeof fileCase>[0];
  ({ stack, gridWorker } = await edgeOnlyStack());
  joint = await fileCase(gridWorker, newMarker());
  const named: Departments = { police: 'pending', market: 'pending', labour: 'pending' };
  await report(1, 'triaged', routeStartedAt, { route: 'joint', hardCase: false, reasons: [] }, {});
  await report(2, 'step:assign', at(0), { mediatorId: holder.id, mediatorName: holder.name, departments: ['police', 'market', 'labour'], lead: 'police' }, named);
  await report(3, 'step:record-department-report', at(2), { department: 'labour', outcome: 'done', report: '已督促用人单位结清工资' }, { ...named, labour: 'reported' });
  await report(4, 'department_overdue', at(10), { department: 'market' }, { ...named, labour: 'reported', market: 'overdue' });
  await report(5, 'step:record-department-report', at(10.5), { department: 'police', outcome: 'more_time', moreTime: 'P3D', report: '当事人外出，待其返回后调查' }, {
    ...named,
    labour: 'reported',
    market: 'overdue',
  });
});
afterAll(async () => stack?.stop());

const page = async (user: string, path: string, lang = 'zh-CN') => {
  const response = await fetch(`${stack.edgeUrl}${path}`, { headers: { cookie: await sessionCookieOf(stack, user), 'accept-language': lang } });
  expect(response.status).toBe(200);
  return response.text();
};
/** What a reader reads of a piece of the page: its words without the markup. */
const words = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
const department = (html: string, name: string) => words(new RegExp(`<li data-department="${name}">(.*?)</li>`, 's').exec(html)?.[1] ?? '');

describe('the case page’s departments', () => {
  it('say each one’s deadline as the case’s clocks say theirs, in the county’s time, or when it answered', async () => {
    const html = await page('demo-supervisor-ly', `/cases/${joint.id}`);
    expect(department(html, 'market')).toBe(`市场监管：反馈超期 · ✖ 已超期 已超期 1 天 · 截止 ${formatDeadline(at(10), offset)}`);
    // Three more days from when it asked, its deadline having passed already: near its end, as a clock is at its share.
    expect(department(html, 'police')).toBe(`公安（牵头）：待反馈 · ⚠ 临期 剩余 2 天 11 小时 · 截止 ${formatDeadline(at(13.5), offset)}`);
    expect(department(html, 'labour')).toBe(`人力社保：已反馈 · 反馈于 ${formatLocal(at(2), offset)}`);
    // A date is one unbreakable piece on a phone: it stands in a <time>, which the page never wraps.
    expect(html).toContain(`<time datetime="${at(13.5)}">截止 ${formatDeadline(at(13.5), offset)}</time>`);
  });

  it('say the same in English', async () => {
    const html = await page('demo-supervisor-ly', `/cases/${joint.id}`, 'en');
    expect(department(html, 'market')).toContain(`✖ breached overdue by 1 d · due ${formatDeadline(at(10), offset)}`);
    expect(department(html, 'labour')).toContain(`answered ${formatLocal(at(2), offset)}`);
  });
});

describe('a department liaison’s home', () => {
  it('shows their own department’s deadline on the case, in the same words', async () => {
    const html = await page('demo-dept-market', '/tasks');
    const from = html.indexOf(`<li data-case-number="${joint.caseNumber}">`);
    expect(from).toBeGreaterThan(0);
    const next = html.indexOf('<li data-case-number=', from + 1);
    const card = html.slice(from, next > 0 ? next : undefined);
    const part = words(/<span data-testid="department-deadline">(.*?)<\/time><\/span>/s.exec(card)?.[0] ?? '');
    expect(part).toBe(`✖ 已超期 已超期 1 天 · 截止 ${formatDeadline(at(10), offset)}`);
    expect(words(card)).toContain(`本部门状态：反馈超期 · ${part}`);
  });
});
