import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { fileCase, newMarker, project } from '../support/case-lists';
import { postReport, workflowReport } from '../support/reports';
import { apiAs, edgeOnlyStack, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * Steps the edge answers before any workflow is asked: a department's report without its outcome, and a step the
 * permission table refuses on a page, whose form must not stay on screen. Temporal stays unreachable here; the
 * refusals the workflow decides (a past session, a joint dispatch with no department, an early close without a
 * reason) are tried against a real one in tests/workflows/sound-steps.test.ts.
 */
let stack: Stack;
let dispatchedToMe: { id: string };
let marketsPart: { id: string };

let resolved: { id: string };
const holder = { id: 'demo-mediator-ly', name: '赵调解员' };

/** What the case's workflow would report of it: the columns and the progress the page rebuilds the case from. */
async function report(caseId: string, change: Parameters<typeof workflowReport>[1]) {
  const answer = await postReport(stack.edgeUrl, caseId, workflowReport(1, change), stack.options.internalSecret);
  expect(answer.status).toBe(200);
}

beforeAll(async () => {
  let gridWorker: ReturnType<typeof apiAs>;
  ({ stack, gridWorker } = await edgeOnlyStack());
  dispatchedToMe = await fileCase(gridWorker, newMarker());
  await report(dispatchedToMe.id, { projection: { order: 'dispatched', assigneeId: holder.id, hardCase: true, riskFlags: ['violence'] }, progress: { assignee: holder } });
  marketsPart = await fileCase(gridWorker, newMarker());
  await project(stack, marketsPart.id, 1, { order: 'accepted', assigneeId: holder.id, route: 'joint' }, { market: 'pending', police: 'pending' });
  resolved = await fileCase(gridWorker, newMarker());
  await report(resolved.id, { projection: { status: 'resolved', outcome: 'agreement', order: 'accepted', assigneeId: holder.id }, progress: { assignee: holder } });
});
afterAll(async () => stack?.stop());

const post = (cookie: string, path: string, fields: Record<string, string>) =>
  fetch(`${stack.edgeUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: stack.edgeUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
/** The id of every step form on a page. */
const stepForms = (html: string) => [...html.matchAll(/<div id="step-([a-z-]+)" data-step/g)].map((match) => match[1]);

describe('a department’s report', () => {
  it('without an outcome is sent back beside the outcome, in Chinese and in English, and nothing is recorded', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-dept-market');
    for (const [lang, words] of [
      ['zh-CN', '请填写反馈结果'],
      ['en', 'Outcome is required'],
    ] as const) {
      const posted = await post(cookie, `/cases/${marketsPart.id}/steps/record-department-report`, { lang, returnTo: '/tasks', department: 'market', report: '已现场检查' });
      expect(posted.status, lang).toBe(422);
      const page = await posted.text();
      expect(page).toContain('id="record-department-report-outcome-error"');
      expect(page).toContain(words);
    }
    const case_ = (await (await apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'))(`/api/cases/${marketsPart.id}`)).json()) as { process: { route: { departments: object } } };
    expect(case_.process.route.departments).toEqual({ market: 'pending', police: 'pending' });
  });

  it('without an outcome is refused by the API, naming the field', async () => {
    const answer = await apiAs(stack, tokenOf(stack, 'demo-dept-market'))(`/api/cases/${marketsPart.id}/steps/record-department-report`, {
      method: 'POST',
      body: JSON.stringify({ department: 'market', report: '已现场检查' }),
    });
    expect(answer.status).toBe(422);
    expect(JSON.stringify(await answer.json())).toContain('outcome');
  });
});

describe('a refused step', () => {
  it('leaves its reason and the steps open now, not its dead form, in Chinese and in English', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-mediator-ly');
    // A form from before the case was dispatched again, say: the mediator must accept it first.
    for (const [lang, refused, offered] of [
      ['zh-CN', '未能办理：请先接单，再办理本案', '您现在可以办理的步骤如下。'],
      ['en', 'Not taken: Accept the case before you work it', 'What you can do now is below.'],
    ] as const) {
      const posted = await post(cookie, `/cases/${dispatchedToMe.id}/steps/record-contact`, { lang, note: '电话联系双方' });
      expect(posted.status, lang).toBe(403);
      const page = await posted.text();
      expect(page).toContain(refused);
      expect(page).toContain(offered);
      expect(stepForms(page)).toEqual(['accept']);
      expect(page).not.toContain('action="/cases/' + dispatchedToMe.id + '/steps/record-contact"');
    }
  });
});

describe('closing before the return visits', () => {
  it('asks the command room for a reason in the close form, saying it goes on the timeline', async () => {
    const page = await (await fetch(`${stack.edgeUrl}/cases/${resolved.id}`, { headers: { cookie: await sessionCookieOf(stack, 'demo-supervisor-ly') } })).text();
    expect(stepForms(page)).toContain('close');
    expect(page).toMatch(/<textarea id="close-reason" name="reason" required/);
    expect(page).toContain('回访尚未完成，提前结案须说明理由，理由记入办理经过');
  });

  it('is not offered to the mediator while the visits are due', async () => {
    const page = await (await fetch(`${stack.edgeUrl}/cases/${resolved.id}`, { headers: { cookie: await sessionCookieOf(stack, 'demo-mediator-ly') } })).text();
    expect(stepForms(page)).not.toContain('close');
  });
});
