import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../../domain/policy';
import type { SlaPolicy } from '../../schemas/policy';
import { findChromium } from '../../scripts/chromium';
import type { Stack } from '../../scripts/stack';
import { apiAs, freshIntake, testStack, tokenOf } from '../support/stack';
import { accessibilityViolations, signIn as signInWithToken } from '../support/browser';

/**
 * A supervisor in the command room, in a real headless Chromium on the whole stack (Temporal, the case worker,
 * workerd with D1) under a policy of seconds: the first contact is late within four seconds, a hard case's dispatch
 * clock warns within nine, a batch's instruction is overdue within six. The board finds the late case by search and
 * by its filters, the dashboard counts what was filed and draws it, a batch shows its progress.
 */
const secondsPolicy: SlaPolicy = {
  ...defaultSlaPolicy,
  warnAtShare: 0.05,
  firstContact: { rule: 'within', duration: 'PT4S' },
  dispatchWithin: 'PT3M',
  acknowledgeEscalationWithin: 'PT30M',
  instructionFeedbackWithin: 'PT6S',
};

const chromiumPath = findChromium();
// The background-networking flags stop Chromium dialling out on its own: nothing answers them here.
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Screenshots of each page, kept after the run (the folder is ignored by git). */
const screenshotDir = resolve(import.meta.dirname, '../../test-artifacts/screenshots');

let stack: Stack;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** A mobile number no other case has, so the search finds one case and filing makes no repeat. */
const freshPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const screenshot = (name: string, on: Page = page) => on.screenshot({ path: join(screenshotDir, `supervisor-${name}.png`), fullPage: true });
const heading = (on: Page = page) => on.getByRole('heading', { level: 1 }).textContent();

const signIn = (on: Page, token: string) => signInWithToken(on, stack.edgeUrl, token);

type ListedRow = { caseNumber: string; overdue: boolean; escalationLevel: number; clocks: { clock: string; state: string }[] };

/** Waits, through the API, until the case the phone finds is as a test needs it. */
async function rowUntil(phone: string, done: (row: ListedRow) => boolean, timeoutMs = 60_000): Promise<ListedRow> {
  const supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = (await (await supervisor(`/api/cases?q=${phone}`)).json()) as { rows: ListedRow[] };
    if (rows[0] && done(rows[0])) return rows[0];
    if (Date.now() > deadline) throw new Error(`the case of ${phone} did not get there in ${timeoutMs} ms: ${JSON.stringify(rows)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const hardPhone = freshPhone();
const plainPhone = freshPhone();
let hardCaseNumber: string;

beforeAll(async () => {
  if (!chromiumPath) {
    throw new Error(
      "No Chromium found. `npm install` installs Debian's when it runs as root on Debian; else " +
        '`apt-get install -y --no-install-recommends chromium`, or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  mkdirSync(screenshotDir, { recursive: true });
  stack = await testStack({ slaPolicy: secondsPolicy });
  await stack.start();
  const gridWorker = apiAs(stack, tokenOf(stack, 'demo-grid-ly'));
  const file = async (phone: string, overrides: object) => {
    const intake = freshIntake('grid');
    intake.parties[0].phone = phone;
    const response = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify({ ...intake, ...overrides }) });
    expect(response.status).toBe(201);
    return (await response.json()) as { caseNumber: string };
  };
  // A threat of violence makes the case hard: its dispatch clock runs beside the first contact's.
  hardCaseNumber = (await file(hardPhone, { riskFlags: ['violence'] })).caseNumber;
  await file(plainPhone, { riskFlags: [] });
  // The first contact is late, and the dispatch clock has used its warning share.
  await rowUntil(hardPhone, (row) => row.overdue && row.clocks.some((clock) => clock.clock === 'dispatch' && clock.state === 'warning'));
  await rowUntil(plainPhone, (row) => row.overdue);

  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  page = await desktop.newPage();
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const boardRow = (caseNumber: string, on: Page = page) => on.locator(`tr[data-case-number="${caseNumber}"]`);

// One visit, in order: each step starts where the previous one left the page.
describe('a supervisor at a desktop', () => {
  it('signs in and lands on the overdue board, the most overdue first', async () => {
    await signIn(page, tokenOf(stack, 'demo-supervisor-ly'));
    await page.waitForURL(`${stack.edgeUrl}/board`);
    await expect(heading()).resolves.toBe('超期看板');
    await expect(page.getByTestId('signed-in').textContent()).resolves.toContain('灵隐所指挥室 · 指挥室 · 灵隐派出所');
    await expect(boardRow(hardCaseNumber).count()).resolves.toBe(1);
    await expect(page.locator('tr.case-row').first().getAttribute('data-overdue')).resolves.toBe('1');
    await screenshot('board');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('finds the overdue case by the party’s phone, with the breach and the warning in words, its time past and its escalation', async () => {
    await page.getByLabel('搜索内容').fill(hardPhone);
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.waitForURL(/\/board\?q=/);
    await expect(page.locator('tr.case-row').count()).resolves.toBe(1);
    const row = boardRow(hardCaseNumber);
    await expect(row.getByRole('link', { name: hardCaseNumber }).getAttribute('href')).resolves.toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    // Marked in words (and a sign), not by colour alone.
    await expect(row.locator('[data-mark="overdue"]').textContent()).resolves.toContain('超期');
    const firstContact = row.locator('li[data-clock="firstContact"]');
    await expect(firstContact.getAttribute('data-state')).resolves.toBe('breached');
    await expect(firstContact.textContent()).resolves.toMatch(/已超期.*首次联系.*已超期 (不到 1 分钟|\d+ 分钟)/);
    const dispatch = row.locator('li[data-clock="dispatch"]');
    await expect(dispatch.textContent()).resolves.toMatch(/临期.*派单.*还剩/);
    await expect(row.locator('[data-escalation]').textContent()).resolves.toContain('1 级');
    await expect(row.textContent()).resolves.toContain('疑难');
    await screenshot('board-search');
  });

  it('finds it again by the overdue filter, and by the warning state of a clock', async () => {
    await page.goto(`${stack.edgeUrl}/board`);
    await page.getByText('更多筛选条件').click();
    await page.getByLabel('只看已超期的案件').check();
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await page.waitForURL(/overdue=1/);
    await expect(boardRow(hardCaseNumber).count()).resolves.toBe(1);
    const flags = await page.locator('tr.case-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-overdue')));
    expect(flags.length).toBeGreaterThanOrEqual(2);
    expect(new Set(flags)).toEqual(new Set(['1']));
    // The filters fold again, and the one in use stands above the list as a chip, so the supervisor sees what the list is.
    await expect(page.getByTestId('filter-chips').textContent()).resolves.toContain('只看已超期的案件');
    await page.getByText('更多筛选条件（已选 1 项）').click();
    await expect(page.getByLabel('只看已超期的案件').isChecked()).resolves.toBe(true);

    await page.getByLabel('只看已超期的案件').uncheck();
    await page.getByLabel('时限状态').selectOption('warning');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await page.waitForURL(/clockState=warning/);
    await expect(boardRow(hardCaseNumber).count()).resolves.toBe(1);
    await expect(page.locator('li[data-state="warning"]').count()).resolves.toBeGreaterThanOrEqual(1);
    await screenshot('board-filtered');
  });

  it('gets the same rows as the CSV and the Excel ledger, signed in by the session alone', async () => {
    const csvHref = await page.getByRole('link', { name: '下载台账（CSV）' }).getAttribute('href');
    expect(csvHref).toContain('clockState=warning');
    const csv = await page.request.get(`${stack.edgeUrl}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(hardCaseNumber);
    const xlsx = await page.request.get(`${stack.edgeUrl}${await page.getByRole('link', { name: '下载台账（Excel）' }).getAttribute('href')}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  });

  it('is told every mistake of the query in one round, each linked to its field', async () => {
    await page.goto(`${stack.edgeUrl}/board?q=x&filedFrom=2026-11-10&filedTo=2026-11-01`);
    const summary = page.getByTestId('error-summary');
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual(['搜索内容至少需要两个字或数字（只查姓氏时可以只填一个汉字）', '登记日期止不能早于登记日期起']);
    await summary.getByRole('link').nth(1).click();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('filedTo');
    await expect(page.locator('tr.case-row').count()).resolves.toBe(0);
    await screenshot('board-errors');
  });

  it('reads the dashboard: the filed cases counted, each chart drawn with its labels and numbers', async () => {
    await page.getByRole('navigation', { name: '主要导航' }).getByRole('link', { name: '统计图表' }).click();
    await page.waitForURL(`${stack.edgeUrl}/dashboard`);
    await expect(heading()).resolves.toBe('统计图表');
    await expect(page.locator('[data-figure="filed"] .figure').textContent()).resolves.toBe('2');
    const bar = (chart: string, label: string) => page.locator(`[data-chart="${chart}"] svg g.bar[data-label="${label}"]`);
    await expect(bar('by-channel', '村居干部、网格员排查').getAttribute('data-value')).resolves.toBe('2');
    await expect(bar('by-channel', '村居干部、网格员排查').locator('text.bar-value').textContent()).resolves.toBe('2');
    await expect(bar('by-channel', '网络舆情排查').getAttribute('data-value')).resolves.toBe('0');
    await expect(page.locator('[data-chart="by-route"] svg g.bar').count()).resolves.toBe(3);
    await expect(bar('first-contact', '超时或未联系').getAttribute('data-value')).resolves.toBe('2');
    await expect(bar('overdue-by-place', '灵隐派出所').getAttribute('data-value')).resolves.toBe('2');
    await expect(page.locator('[data-chart="weekly"] svg g.bar').evaluateAll((bars) => bars.reduce((sum, g) => sum + Number(g.getAttribute('data-value')), 0))).resolves.toBe(2);
    // Every chart is an image with a name a screen reader reads, and each bar has its own title.
    for (const chart of await page.locator('figure.chart svg').all()) {
      await expect(chart.getAttribute('role')).resolves.toBe('img');
      await expect(chart.locator('title').first().textContent()).resolves.toBeTruthy();
    }
    await expect(bar('overdue-by-place', '灵隐派出所').locator('title').textContent()).resolves.toBe('灵隐派出所：2');
    // The definitions are there as help, and the figures come as CSV for the same session.
    await expect(page.getByText('这些数字是怎么算的').count()).resolves.toBe(1);
    const csv = await page.request.get(`${stack.edgeUrl}${await page.getByRole('link', { name: '按排查渠道' }).getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toMatch(/^\uFEFF?排查渠道,排名,登记案件/);
    // The drawing holds no links (controls nested in an image); the table under it leads to the board.
    await expect(page.locator('figure.chart svg a').count()).resolves.toBe(0);
    await page.locator('[data-chart="overdue-by-place"] details summary').click();
    await expect(page.locator('[data-chart="overdue-by-place"] table').getByRole('link', { name: '灵隐派出所' }).getAttribute('href')).resolves.toContain('/board?');
    await screenshot('dashboard');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('uploads a batch and follows it: a refused line with its reason, the rest dispatched, then overdue', async () => {
    await page.getByRole('navigation', { name: '主要导航' }).getByRole('link', { name: '批量下发' }).click();
    await page.waitForURL(`${stack.edgeUrl}/batches`);
    // Nothing to upload: told so, nothing created.
    await page.getByRole('button', { name: '上传并预览' }).click();
    await expect(page.getByTestId('error-summary').textContent()).resolves.toContain('请选择文件，或粘贴 CSV 内容');

    const title = `第 47 周核查 ${unique()}`;
    await page.getByLabel('批次名称').fill(title);
    const csv = ['kind,assigneeId,subject', 'population,demo-grid-ly,白乐桥村 12 号 出租房人口核查', 'anti_fraud,demo-mediator-ly,灵隐路 3 号 独居老人反诈走访', 'population,nobody-here,灵隐路 5 号'].join('\n');
    await page.getByLabel('选择文件（CSV 或 Excel）').setInputFiles({ name: 'batch.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '上传并预览' }).click();
    // Every line is shown before anything is written; the confirmation writes the batch.
    await expect(page.getByTestId('batch-preview-summary').textContent()).resolves.toContain('2 行将下发');
    await page.getByRole('button', { name: '确认下发' }).click();
    await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
    await expect(heading()).resolves.toBe(title);
    const count = (name: string) => page.locator(`[data-testid="batch-counts"] dl [data-count="${name}"] .figure`).textContent();
    await expect(count('lines')).resolves.toBe('3');
    await expect(count('accepted')).resolves.toBe('2');
    await expect(count('rejected')).resolves.toBe('1');
    await expect(page.getByTestId('rejected-lines').locator('li[data-line="4"]').textContent()).resolves.toContain('承办人不存在、已停用或不在您的辖区内');
    await expect(page.locator('meta[http-equiv="refresh"]').count()).resolves.toBe(1);
    await screenshot('batch-uploaded');

    // The page reloads itself while the batch runs: the lines are dispatched, then their feedback is late.
    await expect.poll(() => count('dispatched'), { timeout: 60_000, interval: 1_000 }).toBe('2');
    await expect.poll(() => count('overdue'), { timeout: 60_000, interval: 1_000 }).toBe('2');
    await expect(page.locator('tr[data-line="2"]').getAttribute('data-status')).resolves.toBe('overdue');
    await screenshot('batch-progress');

    // Back on the upload page the batch is among the latest, with its counts, a link away.
    await page.goto(`${stack.edgeUrl}/batches`);
    const listed = page.getByTestId('recent-batches').getByRole('row').filter({ hasText: title });
    await expect(listed.getByRole('cell').allTextContents()).resolves.toEqual([expect.any(String), '3', '1', '2', '0', '2']);
    await listed.getByRole('link', { name: title }).click();
    await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
    await expect(heading()).resolves.toBe(title);
  });
});

describe('a supervisor on a phone', () => {
  it('reads the board at 390 px without scrolling sideways, each case a card with its marks', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' });
    const onPhone = await phone.newPage();
    onPhone.setDefaultTimeout(15_000);
    await signIn(onPhone, tokenOf(stack, 'demo-supervisor-ly'));
    await onPhone.waitForURL(`${stack.edgeUrl}/board`);
    await expect(onPhone.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    const row = boardRow(hardCaseNumber, onPhone);
    await expect(row.locator('li[data-clock="firstContact"]').isVisible()).resolves.toBe(true);
    await expect(row.locator('[data-mark="overdue"]').isVisible()).resolves.toBe(true);
    await screenshot('board-phone', onPhone);
    await onPhone.goto(`${stack.edgeUrl}/dashboard`);
    await expect(onPhone.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await screenshot('dashboard-phone', onPhone);
    expect(await accessibilityViolations(onPhone)).toEqual([]);
    await phone.close();
  });
});
