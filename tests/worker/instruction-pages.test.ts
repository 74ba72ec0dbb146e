import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader, signRequest } from '../../schemas/internal-signature';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * The pages of the people a batch's instructions go to, over plain HTTP as a phone without JavaScript sends them.
 * Temporal is unreachable: the batch's workflow is played by its signed reports, as in tests/worker/batches.test.ts.
 */
let stack: Stack;
let supervisor: ReturnType<typeof apiAs>;
beforeAll(async () => {
  ({ stack } = await edgeOnlyStack());
  supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
});
afterAll(async () => stack?.stop());

const page = (cookie: string, path: string) => fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', headers: { cookie, 'accept-language': 'zh-CN' } });
const answer = (cookie: string, id: number, feedback: string, lang = 'zh-CN') =>
  fetch(`${stack.edgeUrl}/instructions/${id}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: stack.edgeUrl, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN' },
    body: new URLSearchParams({ lang, feedback }),
  });

/** A report as the batch's workflow sends it, signed as the worker signs it. */
async function report(batchId: string, body: object) {
  const path = `/internal/batches/${batchId}/events`;
  const text = JSON.stringify(body);
  const response = await fetch(`${stack.edgeUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [signatureHeader]: await signRequest('test-internal-secret', 'POST', path, text) },
    body: text,
  });
  expect(response.status).toBe(200);
}

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
const unique = () => Math.random().toString(36).slice(2, 8);

/**
 * A batch of three lines for the grid worker, dispatched line by line so each has its own due time: the first due in
 * three hours, the second an hour ago and reported overdue, the third in two hours and past its warning point.
 */
async function dispatchedBatch() {
  const batchId = `pages-${crypto.randomUUID()}`;
  const tag = unique();
  const subjects = [`白乐桥村 30 号 ${tag}`, `白乐桥村 31 号 ${tag}`, `白乐桥村 32 号 ${tag}`];
  const created = await supervisor('/api/batches', {
    method: 'POST',
    body: JSON.stringify({
      batchId,
      title: `第 49 周核查 ${tag}`,
      lines: [
        ...subjects.map((subject) => ({ kind: 'population', assigneeId: 'demo-grid-ly', subject })),
        { kind: 'unit', assigneeId: 'demo-mediator-ly', subject: `灵隐路 9 号 ${tag}` },
      ],
    }),
  });
  expect(created.status).toBe(201);
  const view = (await created.json()) as { lines: { line: number; instructionId: number }[] };
  const at = new Date().toISOString();
  await report(batchId, { seq: 1, type: 'dispatched', at, dueAt: hours(3), lines: [1, 4] });
  await report(batchId, { seq: 2, type: 'dispatched', at, dueAt: hours(-1), lines: [2] });
  await report(batchId, { seq: 3, type: 'dispatched', at, dueAt: hours(2), lines: [3] });
  await report(batchId, { seq: 4, type: 'warning', at, lines: [3] });
  await report(batchId, { seq: 5, type: 'overdue', at, lines: [2] });
  const ids = view.lines.map((line) => line.instructionId);
  return { batchId, subjects, ids, tag };
}

/** The instructions a list section shows, in its order, by their IDs. */
const listed = (html: string, testId: string) => {
  const section = html.split(`data-testid="${testId}"`)[1]?.split('</section>')[0] ?? '';
  return [...section.matchAll(/data-instruction="(\d+)" data-state="(\w+)"/g)].map((match) => [Number(match[1]), match[2]]);
};

describe('a grid worker’s instructions', () => {
  it('lists what is still to answer, the nearest deadline first, saying overdue and near-deadline in words, and links it from the navigation', async () => {
    const { ids, subjects } = await dispatchedBatch();
    const cookie = await sessionCookieOf(stack, 'demo-grid-ly');
    const response = await page(cookie, '/instructions');
    expect(response.status).toBe(200);
    const html = await response.text();
    const mine = listed(html, 'open-instructions').filter(([id]) => ids.includes(id as number));
    expect(mine).toEqual([
      [ids[1], 'overdue'],
      [ids[2], 'warning'],
      [ids[0], 'running'],
    ]);
    // Another person's line of the same batch is not in this list.
    expect(html).not.toContain(`data-instruction="${ids[3]}"`);
    expect(html).toContain(subjects[1]);
    expect(html).toMatch(/已超期<\/span>\s*已超期 (59 分钟|1 小时)/);
    expect(html).toContain('临期');
    expect(html).toContain('href="/instructions"');
    expect(html).toContain('>核查指令<');
  });

  it('records the answer from the form, sends back to the list with the answered line below, and moves the batch’s feedback rate at once', async () => {
    const { batchId, ids, subjects } = await dispatchedBatch();
    const cookie = await sessionCookieOf(stack, 'demo-grid-ly');
    const form = await page(cookie, `/instructions/${ids[1]}`);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain(`<h1>${subjects[1]}</h1>`);
    expect(formHtml).toContain(`action="/instructions/${ids[1]}"`);
    expect(formHtml).toContain('提交反馈');

    const answered = await answer(cookie, ids[1]!, '已上门核查，实住 4 人，比登记多 1 人');
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe(`/instructions?answered=${ids[1]}`);
    const list = await (await page(cookie, answered.headers.get('location')!)).text();
    expect(list).toContain(`已反馈：${subjects[1]}。`);
    expect(listed(list, 'answered-instructions').map(([id]) => id)).toContain(ids[1]);
    expect(listed(list, 'open-instructions').map(([id]) => id)).not.toContain(ids[1]);

    const batch = (await (await supervisor(`/api/batches/${batchId}`)).json()) as { counts: Record<string, number>; lines: { line: number; feedback: string | null; feedbackAt: string | null }[] };
    expect(batch.counts).toMatchObject({ dispatched: 4, feedbackReceived: 1 });
    expect(batch.lines.find((line) => line.line === 2)).toMatchObject({ feedback: '已上门核查，实住 4 人，比登记多 1 人' });

    // The supervisor's page says who answered the line and when, and the rate it comes to.
    const batchPage = await (await page(await sessionCookieOf(stack, 'demo-supervisor-ly'), `/batches/${batchId}`)).text();
    expect(batchPage).toContain('反馈率 25%');
    expect(batchPage).toMatch(/王网格员 于 [\d-]+ [\d:]+ 反馈/);
  });

  it('refuses an empty answer and a second answer in Chinese beside the field, keeping what was typed', async () => {
    const { batchId, ids } = await dispatchedBatch();
    const cookie = await sessionCookieOf(stack, 'demo-grid-ly');
    const empty = await answer(cookie, ids[0]!, '   ');
    expect(empty.status).toBe(422);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('class="field-error"');
    expect(emptyHtml).toMatch(/请填写核查结果|核查结果/);

    expect((await answer(cookie, ids[0]!, '已核查，无人居住')).status).toBe(303);
    // The same form sent again (the first answer's page never reached the phone) is taken as the answer it repeats.
    const resent = await answer(cookie, ids[0]!, '已核查，无人居住');
    expect(resent.status).toBe(303);
    expect(resent.headers.get('location')).toBe(`/instructions?answered=${ids[0]}`);
    const again = await answer(cookie, ids[0]!, '补充：房东说下月有人入住');
    expect(again.status).toBe(409);
    const againHtml = await again.text();
    expect(againHtml).toContain('这条指令已经反馈过，不能再次反馈');
    expect(againHtml).toContain('补充：房东说下月有人入住');
    // The answer that stands is the first, shown beside the refusal.
    expect(againHtml).toContain('已核查，无人居住');
    const inEnglish = await answer(cookie, ids[0]!, 'one more', 'en');
    expect(inEnglish.status).toBe(409);
    expect(await inEnglish.text()).toContain('Feedback was already given');
    const batch = (await (await supervisor(`/api/batches/${batchId}`)).json()) as { counts: Record<string, number> };
    expect(batch.counts.feedbackReceived).toBe(1);

    // The API says the same refusal as a code, its time beside it.
    const api = await apiAs(stack, tokenOf(stack, 'demo-grid-ly'))(`/api/instructions/${ids[0]}/feedback`, { method: 'POST', body: JSON.stringify({ feedback: '再答一次' }) });
    expect(api.status).toBe(409);
    expect(await api.json()).toMatchObject({ error: 'conflict', code: 'instructionAnswered', params: { at: expect.any(String) }, message: 'Feedback was already given.' });
  });

  it('refuses someone else’s instruction: 403 to one who may see its batch, 404 to one who may not; the line stays unanswered', async () => {
    const { batchId, ids } = await dispatchedBatch();
    const mediator = await sessionCookieOf(stack, 'demo-mediator-ly');
    expect((await page(mediator, `/instructions/${ids[3]}`)).status).toBe(200);
    const supervisorCookie = await sessionCookieOf(stack, 'demo-supervisor-ly');
    expect((await page(supervisorCookie, `/instructions/${ids[0]}`)).status).toBe(403);
    expect((await answer(supervisorCookie, ids[0]!, '替他答')).status).toBe(403);
    const elsewhere = await sessionCookieOf(stack, 'demo-grid-bs');
    expect((await page(elsewhere, `/instructions/${ids[0]}`)).status).toBe(404);
    expect((await answer(elsewhere, ids[0]!, '替他答')).status).toBe(404);
    expect((await page(mediator, '/instructions/999999999')).status).toBe(404);
    expect((await page(mediator, '/instructions/not-a-number')).status).toBe(404);
    const batch = (await (await supervisor(`/api/batches/${batchId}`)).json()) as { counts: Record<string, number> };
    expect(batch.counts.feedbackReceived).toBe(0);
  });

  it('shows the instructions near or past their deadline at the top of the inbox, the grid worker’s included', async () => {
    const { ids } = await dispatchedBatch();
    const cookie = await sessionCookieOf(stack, 'demo-grid-ly');
    const inbox = await page(cookie, '/inbox');
    expect(inbox.status).toBe(200);
    const html = await inbox.text();
    const mine = listed(html, 'urgent-instructions').filter(([id]) => ids.includes(id as number));
    expect(mine).toEqual([
      [ids[1], 'breached'],
      [ids[2], 'warning'],
    ]);
    expect(html).toContain('需要尽快反馈的核查指令');
    expect(html).toContain(`href="/instructions/${ids[1]}"`);
  });

  it('reminds of overdue instructions before those near their deadline, in the API and on the inbox page, worded as overdue, the workflow’s report awaited or not', async () => {
    const batchId = `overdue-${crypto.randomUUID()}`;
    const tag = unique();
    const subjects = ['超期已报', '超期未报', '临期', '未到期'].map((word) => `${word} ${tag}`);
    const created = await supervisor('/api/batches', {
      method: 'POST',
      body: JSON.stringify({ batchId, lines: subjects.map((subject) => ({ kind: 'population', assigneeId: 'demo-grid-ly', subject })) }),
    });
    expect(created.status).toBe(201);
    const ids = ((await created.json()) as { lines: { instructionId: number }[] }).lines.map((line) => line.instructionId);
    const at = new Date().toISOString();
    const overdueAt = hours(-1);
    await report(batchId, { seq: 1, type: 'dispatched', at, dueAt: overdueAt, lines: [1] });
    // Due half an hour ago, and the workflow's report of it not in yet: late all the same.
    await report(batchId, { seq: 2, type: 'dispatched', at, dueAt: hours(-0.5), lines: [2] });
    await report(batchId, { seq: 3, type: 'dispatched', at, dueAt: hours(2), lines: [3] });
    await report(batchId, { seq: 4, type: 'dispatched', at, dueAt: hours(5), lines: [4] });
    await report(batchId, { seq: 5, type: 'warning', at, lines: [3] });
    await report(batchId, { seq: 6, type: 'overdue', at: overdueAt, lines: [1] });

    const notes = (await (await apiAs(stack, tokenOf(stack, 'demo-grid-ly'))('/api/notifications')).json()) as Record<string, unknown>[];
    const reminders = notes.filter((note) => note.batchId === batchId);
    expect(reminders.map((note) => [note.instructionId, note.kind, note.subject])).toEqual([
      [ids[0], 'instruction_overdue', subjects[0]],
      [ids[1], 'instruction_overdue', subjects[1]],
      [ids[2], 'instruction_warning', subjects[2]],
    ]);
    expect(reminders[0]).toMatchObject({ createdAt: overdueAt, dueAt: overdueAt, readAt: null });
    // The reminders stand above the cases' notifications, every overdue one before any near its deadline.
    const kinds = notes.map((note) => String(note.kind));
    expect(kinds.lastIndexOf('instruction_overdue')).toBeLessThan(kinds.indexOf('instruction_warning'));

    const html = await (await page(await sessionCookieOf(stack, 'demo-grid-ly'), '/inbox')).text();
    expect(listed(html, 'urgent-instructions').filter(([id]) => ids.includes(id as number))).toEqual([
      [ids[0], 'breached'],
      [ids[1], 'breached'],
      [ids[2], 'warning'],
    ]);
    const card = (id: number) => html.split(`data-instruction="${id}"`)[1]!.split('</li>')[0]!;
    expect(card(ids[0]!)).toMatch(/已超期<\/span>\s*已超期 (59 分钟|1 小时)/);
    expect(card(ids[1]!)).toMatch(/已超期<\/span>\s*已超期 (29|30) 分钟/);
    expect(card(ids[2]!)).toContain('临期');
    expect(html).not.toContain(subjects[3]);
  });
});
