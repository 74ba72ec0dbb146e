import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../../domain/policy';
import type { SlaPolicy } from '../../schemas/policy';
import type { Stack } from '../../scripts/stack';
import { desktopContext, launchChromium, phoneContext, screenshot, signIn } from '../support/browser';
import { photoWithGps } from '../support/photos';
import { apiAs, freshIntake, testStack, tokenOf } from '../support/stack';

/**
 * The people who work cases, on the whole stack in a real Chromium: a mediator steps a case from the queue to an
 * agreement on a phone, a department reports back from its task list, a command room dispatches from the load list
 * and acknowledges an escalation. First contact is due in seconds, so breaches and escalations come while watched.
 */
const policy: SlaPolicy = { ...defaultSlaPolicy, warnAtShare: 0.5, firstContact: { rule: 'within', duration: 'PT6S' } };

let stack: Stack;
let browser: Browser;

type CaseView = { id: string; caseNumber: string; status: string; overdue: boolean; escalationLevel: number; clocks: { clock: string; stoppedAt: string | null }[] };

beforeAll(async () => {
  stack = await testStack({ slaPolicy: policy });
  await stack.start();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const gridWorker = () => apiAs(stack, tokenOf(stack, 'demo-grid-ly'));
const supervisorApi = () => apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));

async function caseUntil(id: string, done: (view: CaseView) => boolean, timeoutMs = 60_000): Promise<CaseView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await (await gridWorker()(`/api/cases/${id}`)).json()) as CaseView;
    if (done(view)) return view;
    if (Date.now() > deadline) throw new Error(`case ${id} did not get there: ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function fileOpenCase(overrides: object = {}) {
  const response = await gridWorker()('/api/intake/grid', { method: 'POST', body: JSON.stringify({ ...freshIntake('grid'), ...overrides }) });
  expect(response.status).toBe(201);
  return caseUntil(((await response.json()) as CaseView).id, (view) => view.status === 'open');
}

/** Tomorrow at ten in the county (UTC+08:00), as a date-time field takes it. */
const localTomorrow = () => `${new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10)}T10:00`;
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const step = (page: Page, name: string) => page.locator(`#step-${name}`);
const flash = (page: Page) => page.getByTestId('flash').textContent();

describe('a mediator on a phone', () => {
  it('finds the case at the top of the queue with its breach marked in words, and steps it to an agreement', async () => {
    const filed = await fileOpenCase({ riskFlags: [] });
    const dispatched = await supervisorApi()(`/api/cases/${filed.id}/steps/assign`, { method: 'POST', body: JSON.stringify({ mediatorId: 'demo-mediator-ly' }) });
    expect(dispatched.status).toBe(200);
    await caseUntil(filed.id, (view) => view.overdue);

    const phone = await phoneContext(browser);
    const page = await phone.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, stack.edgeUrl, tokenOf(stack, 'demo-mediator-ly'));
    await page.waitForURL(`${stack.edgeUrl}/queue`);
    await expect(heading(page)).resolves.toBe('我的案件');
    const card = page.getByTestId('queue').locator(`li[data-case-number="${filed.caseNumber}"]`);
    await expect(card.locator('[data-clock="firstContact"]').textContent()).resolves.toMatch(/✖ 已超期.*已超期 /);
    await expect(card.textContent()).resolves.toContain('张某（申请人）');
    await screenshot(page, 'mediator-queue');

    await card.getByRole('link', { name: filed.caseNumber }).click();
    await page.waitForURL(`${stack.edgeUrl}/cases/${filed.id}`);
    await expect(heading(page)).resolves.toBe(`案件 ${filed.caseNumber}`);
    // A mediator is offered the mediator's steps only: no dispatch, no acknowledgement.
    await expect(step(page, 'assign').count()).resolves.toBe(0);
    await step(page, 'accept').getByRole('button', { name: '确认接单' }).click();
    await expect(flash(page)).resolves.toBe('已办理：接单。');
    await expect(step(page, 'accept').count()).resolves.toBe(0);

    // The same case open in a second tab, left behind by the first.
    const stale = await phone.newPage();
    await stale.goto(`${stack.edgeUrl}/cases/${filed.id}`);
    await step(page, 'record-contact').getByLabel('情况说明', { exact: true }).fill('电话联系双方，约定明天上门');
    await step(page, 'record-contact').getByRole('button', { name: '记录联系' }).click();
    await expect(flash(page)).resolves.toBe('已办理：记录首次联系。');
    await expect(page.locator('[data-clock="firstContact"]').count()).resolves.toBe(0);

    await step(stale, 'record-contact').getByLabel('情况说明', { exact: true }).fill('再次联系');
    await step(stale, 'record-contact').getByRole('button', { name: '记录联系' }).click();
    await expect(stale.getByTestId('refusal').textContent()).resolves.toBe('未能办理：首次联系已经记录过了');
    await expect(stale.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('refusal');
    // The refused form is gone, and what can be done now is offered under the reason.
    await expect(step(stale, 'record-contact').count()).resolves.toBe(0);
    await expect(stale.getByTestId('now-possible').textContent()).resolves.toBe('您现在可以办理的步骤如下。');
    await expect(step(stale, 'schedule-session').count()).resolves.toBe(1);
    await screenshot(stale, 'mediator-refused-step');
    await stale.close();

    // A field left empty is named beside it, and nothing is sent to the workflow.
    await step(page, 'schedule-session').getByRole('button', { name: '约定调解' }).click();
    await expect(page.locator('#schedule-session-at-error').textContent()).resolves.toContain('请填写调解时间');
    await expect(step(page, 'schedule-session').getByLabel('调解时间', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    // A time already past is refused beside the form, which stays to take a time to come.
    await step(page, 'schedule-session').getByLabel('调解时间', { exact: true }).fill('2026-11-25T10:00');
    await step(page, 'schedule-session').getByLabel('调解地点', { exact: true }).fill('白乐桥村调解室');
    await step(page, 'schedule-session').getByRole('button', { name: '约定调解' }).click();
    await expect(page.getByTestId('refusal').textContent()).resolves.toBe('未能办理：调解时间 2026-11-25 10:00 已经过去，请约定以后的时间');
    await expect(step(page, 'schedule-session').getByLabel('调解地点', { exact: true }).inputValue()).resolves.toBe('白乐桥村调解室');
    await step(page, 'schedule-session').getByLabel('调解时间', { exact: true }).fill(localTomorrow());
    await step(page, 'schedule-session').getByRole('button', { name: '约定调解' }).click();
    await expect(flash(page)).resolves.toBe('已办理：约定调解。');
    await step(page, 'record-session').getByLabel('调解情况', { exact: true }).fill('双方同意由店主加装油烟净化器');
    await step(page, 'record-session').getByRole('button', { name: '记录调解' }).click();
    await expect(flash(page)).resolves.toBe('已办理：记录调解情况。');
    await screenshot(page, 'mediator-case');
    await step(page, 'record-agreement').getByLabel('纠纷主要事实和争议事项').fill('楼下烧烤店油烟直排，楼上住户多次投诉，双方发生争执');
    await step(page, 'record-agreement').getByLabel('各方当事人的责任').fill('烧烤店未安装油烟净化设施，负主要责任');
    await step(page, 'record-agreement').getByLabel('协议内容', { exact: true }).fill('十日内加装净化器，营业至 22 点');
    await step(page, 'record-agreement').getByLabel('履行方式和期限').fill('烧烤店于十日内自费加装油烟净化器，网格员到场查看');
    await step(page, 'record-agreement').getByRole('button', { name: '记录协议' }).click();
    await expect(flash(page)).resolves.toBe('已办理：记录调解协议。');
    await expect(page.getByTestId('status').textContent()).resolves.toBe('已化解，待回访');
    const timeline = await page.getByTestId('timeline').locator('li').allTextContents();
    // Newest first: the agreement, and what it set off (the case resolved, its escalation cleared), at the top.
    expect(timeline.slice(0, 4).some((line) => line.includes('记录调解协议') && line.includes('赵调解员'))).toBe(true);
    expect(timeline.some((line) => line.includes('接单') && line.includes('赵调解员'))).toBe(true);
    await screenshot(page, 'mediator-case-resolved');

    // The agreement, numbered, to print: every item of Art. 29, on A4, with nothing of the site on the paper.
    await page.getByTestId('agreement-link').click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('人民调解协议书');
    await expect(page.getByTestId('agreement-number').textContent()).resolves.toMatch(/（\d{4}）灵人调字第 \d+ 号/);
    for (const part of ['agreement-facts', 'agreement-responsibilities', 'agreement-terms', 'agreement-performance']) {
      await expect(page.getByTestId(part).locator('.doc-text').textContent(), part).resolves.not.toContain('未记录');
    }
    await expect(page.getByTestId('agreement-copies').textContent()).resolves.toContain('当事人各执一份');
    await expect(page.locator('[data-signature]').count()).resolves.toBeGreaterThanOrEqual(3);
    await expect(page.getByRole('button', { name: '打印协议书' }).isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: '打印协议书' }).isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('agreement').isVisible()).resolves.toBe(true);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'agreement-print');
    await page.emulateMedia({ media: 'screen' });
    await phone.close();
  });
});

describe('a department liaison', () => {
  it('reports back on a joint-route case from the task list, for their own department', async () => {
    const joint = await fileOpenCase({ riskFlags: [], category: 'land' });
    const assigned = await supervisorApi()(`/api/cases/${joint.id}/steps/assign`, {
      method: 'POST',
      body: JSON.stringify({ mediatorId: 'demo-mediator-ly', departments: ['police', 'market'], lead: 'police' }),
    });
    expect(assigned.status).toBe(200);

    const phone = await phoneContext(browser);
    const page = await phone.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, stack.edgeUrl, tokenOf(stack, 'demo-dept-market'));
    await page.waitForURL(`${stack.edgeUrl}/tasks`);
    const task = page.getByTestId('tasks').locator(`li[data-case-number="${joint.caseNumber}"]`);
    await expect(task.getByTestId('department-status').textContent()).resolves.toBe('待反馈');
    // The phone numbers are other people's: a department reads them masked.
    await expect(task.textContent()).resolves.not.toMatch(/1[3-9]\d{9}/);
    await screenshot(page, 'department-tasks');
    // Nothing is chosen for them: a report without its outcome is sent back beside the outcome, not counted done.
    await task.getByLabel('反馈内容', { exact: true }).fill('已现场检查，责令整改');
    await task.getByRole('button', { name: '提交反馈' }).click();
    await expect(page.locator('#record-department-report-outcome-error').textContent()).resolves.toContain('反馈结果');
    const sentBack = page.getByTestId('tasks').locator(`li[data-case-number="${joint.caseNumber}"]`);
    await expect(sentBack.getByTestId('department-status').textContent()).resolves.toBe('待反馈');
    await sentBack.getByText('已办结', { exact: true }).click();
    await sentBack.getByRole('button', { name: '提交反馈' }).click();
    await page.waitForURL(/\/tasks\?reported=/);
    await expect(flash(page)).resolves.toContain(joint.caseNumber);
    await expect(
      page.getByTestId('tasks').locator(`li[data-case-number="${joint.caseNumber}"]`).getByTestId('department-status').textContent(),
    ).resolves.toBe('已反馈');
    await screenshot(page, 'department-reported');

    await page.goto(`${stack.edgeUrl}/cases/${joint.id}`);
    await expect(page.locator('[data-department="market"]').textContent()).resolves.toContain('已反馈');
    await expect(page.locator('[data-department="police"]').textContent()).resolves.toContain('待反馈');
    await expect(page.getByTestId('steps').textContent()).resolves.toContain('您现在没有可以办理的步骤。');
    await phone.close();
  });
});

describe('a command room on a desktop', () => {
  it('dispatches a hard case to a mediator picked by load, acknowledges its escalation, and reads the inbox', async () => {
    const hard = await fileOpenCase({ riskFlags: ['violence'] });
    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, stack.edgeUrl, tokenOf(stack, 'demo-supervisor-ly'));
    await page.waitForURL(`${stack.edgeUrl}/board`);

    // Found on the board as a command room finds a case, by its number, and opened from its row.
    await page.getByLabel('搜索内容').fill(hard.caseNumber);
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.locator(`tr[data-case-number="${hard.caseNumber}"]`).getByRole('link', { name: hard.caseNumber }).click();
    await page.waitForURL(`${stack.edgeUrl}/cases/${hard.id}`);
    const mediator = step(page, 'assign').getByLabel('派给调解员', { exact: true });
    const offered = await mediator.locator('option').allTextContents();
    expect(offered.find((label) => label.startsWith('赵调解员'))).toMatch(/^赵调解员（在办 \d+ 件，超期 \d+ 件，疑难 \d+ 件）$/);
    await mediator.selectOption('demo-mediator-ly');
    await screenshot(page, 'supervisor-dispatch');
    await step(page, 'assign').getByRole('button', { name: '派单' }).click();
    await expect(flash(page)).resolves.toBe('已办理：派单。');
    await expect(page.getByTestId('assignee').textContent()).resolves.toBe('赵调解员');
    // The timeline says to whom it went, and which route triage chose and why.
    await expect(page.getByTestId('timeline').locator('li[data-type="step:assign"]').textContent()).resolves.toContain('派给：赵调解员');
    await expect(page.getByTestId('timeline').locator('li[data-type="triaged"]').textContent()).resolves.toMatch(/分流到：.+，列为疑难案件理由：.*有暴力威胁/);

    // The mediator is out on a call: the command room records the acceptance for them, and the timeline says so.
    const onBehalf = page.getByTestId('on-behalf');
    await expect(onBehalf.locator('summary').textContent()).resolves.toBe('代承办调解员赵调解员办理');
    await onBehalf.locator('summary').click();
    await screenshot(page, 'supervisor-on-behalf');
    await step(page, 'accept').getByRole('button', { name: '确认接单' }).click();
    await expect(flash(page)).resolves.toBe('已办理：接单。');
    await expect(page.getByTestId('timeline').locator('li[data-type="on_behalf_of"]').textContent()).resolves.toContain('以上「接单」由指挥室代承办调解员赵调解员办理');

    // First contact runs out in seconds: the breach raises the case to the station's leaders, who must acknowledge it.
    await caseUntil(hard.id, (view) => view.escalationLevel > 0 && view.clocks.some((clock) => clock.clock === 'escalationAck' && !clock.stoppedAt));
    await page.goto(`${stack.edgeUrl}/cases/${hard.id}`);
    await expect(page.getByTestId('escalation').textContent()).resolves.toContain('已升级至所领导（一级）');
    await step(page, 'acknowledge-escalation').getByLabel('情况说明', { exact: true }).fill('已安排副所长督办');
    await screenshot(page, 'supervisor-escalated-case');
    await step(page, 'acknowledge-escalation').getByRole('button', { name: '签收' }).click();
    await expect(flash(page)).resolves.toBe('已办理：签收升级。');
    await expect(step(page, 'acknowledge-escalation').count()).resolves.toBe(0);

    await page.getByRole('navigation', { name: '主要导航' }).getByRole('link', { name: '消息' }).click();
    await page.waitForURL(`${stack.edgeUrl}/inbox`);
    const escalated = page.getByTestId('inbox').locator('li[data-read="0"]', { hasText: hard.caseNumber }).filter({ hasText: '升级' }).first();
    await expect(escalated.textContent()).resolves.toContain('未读');
    // What happened and what is asked, not a bare word and a number; and the navigation counts what is unread.
    await expect(escalated.textContent()).resolves.toContain('已升级到所领导');
    await expect(escalated.textContent()).resolves.toContain('请在案件页确认升级');
    const unreadBefore = Number(/\d+/.exec((await page.getByTestId('unread-count').textContent())!)![0]);
    expect(unreadBefore).toBeGreaterThan(0);
    await screenshot(page, 'supervisor-inbox');
    const id = await escalated.getAttribute('data-notification');
    await escalated.getByRole('button', { name: '标为已读' }).click();
    await page.waitForURL(`${stack.edgeUrl}/inbox?marked=1`);
    await expect(page.locator(`li[data-notification="${id}"]`).getAttribute('data-read')).resolves.toBe('1');
    const unreadAfter = (await page.getByTestId('unread-count').count()) ? Number(/\d+/.exec((await page.getByTestId('unread-count').textContent())!)![0]) : 0;
    expect(unreadAfter).toBe(unreadBefore - 1);
    await desk.close();
  });
});

describe('evidence from a phone', () => {
  it('a mediator attaches a photo on a 390-px phone; the supervisor reads it whole, another station does not find it', async () => {
    const filed = await fileOpenCase({ riskFlags: [] });
    expect((await supervisorApi()(`/api/cases/${filed.id}/steps/assign`, { method: 'POST', body: JSON.stringify({ mediatorId: 'demo-mediator-ly' }) })).status).toBe(200);

    const phone = await phoneContext(browser);
    const page = await phone.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, stack.edgeUrl, tokenOf(stack, 'demo-mediator-ly'));
    await page.waitForURL(`${stack.edgeUrl}/queue`);
    await page.goto(`${stack.edgeUrl}/cases/${filed.id}`);
    const attachments = page.getByTestId('attachments');
    await expect(attachments.getByRole('heading', { name: '附件' }).count()).resolves.toBe(1);
    // Refused beside the field, in Chinese: a file whose name says PDF and whose bytes are not.
    await attachments.getByLabel('选择文件').setInputFiles({ name: '协议.pdf', mimeType: 'application/pdf', buffer: Buffer.from('PK\u0003\u0004 not a pdf') });
    await attachments.getByRole('button', { name: '上传附件' }).click();
    await expect(page.getByTestId('attachment-refusal').textContent()).resolves.toContain('名为 PDF，内容却不是 PDF');

    await page.getByTestId('attachments').getByLabel('选择文件').setInputFiles({ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photoWithGps) });
    await page.getByTestId('attachments').getByRole('button', { name: '上传附件' }).click();
    await expect(page.getByTestId('attached').textContent()).resolves.toBe('已上传附件：现场照片.jpg');
    const item = page.getByTestId('attachment').filter({ hasText: '现场照片.jpg' });
    await expect(item.textContent()).resolves.toContain('照片');
    await expect(item.textContent()).resolves.toContain('赵调解员');
    await screenshot(page, 'case-attachments');

    const href = (await item.getByRole('link', { name: '现场照片.jpg' }).getAttribute('href'))!;
    const api = href.replace('/cases/', '/api/cases/');
    const whole = await supervisorApi()(api);
    expect([...new Uint8Array(await whole.arrayBuffer())]).toEqual([...photoWithGps]);
    expect((await apiAs(stack, tokenOf(stack, 'demo-grid-bs'))(api)).status).toBe(404);
    await phone.close();
  });
});
