import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { launchChromium, phoneContext as phoneIn, screenshot as screenshotAs, signIn as signInAt } from '../support/browser';
import { apiAs, edgeOnlyStack, tokenOf } from '../support/stack';

/**
 * A grid worker on a phone, in a real headless Chromium: signs in, files, adds parties, reports the same dispute
 * again, finds it in "my filings", and files through a dropped connection. Temporal is not started, so cases stay
 * `queued`, which the pages show.
 */
let stack: Stack;
let browser: Browser;
let phone: BrowserContext;
let page: Page;

const phoneContext = (options: { javaScriptEnabled?: boolean } = {}) => phoneIn(browser, options);

beforeAll(async () => {
  ({ stack } = await edgeOnlyStack());
  browser = await launchChromium();
  phone = await phoneContext();
  page = await phone.newPage();
  page.setDefaultTimeout(15_000);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const screenshot = (name: string, on: Page = page) => screenshotAs(on, `grid-worker-${name}`);
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const heading = (on: Page = page) => on.getByRole('heading', { level: 1 }).textContent();

const signIn = (on: Page, token: string) => signInAt(on, stack.edgeUrl, token);

/** Fills the grid form's own fields; the parties are left to each test. */
async function fillDispute(on: Page, address: string) {
  await on.getByLabel('纠纷类别').selectOption('neighbour');
  await on.getByLabel('纠纷简要情况').fill('楼下烧烤店油烟扰民，双方多次争吵，一方曾持刀威胁。');
  await on.getByLabel('发生地点').fill(address);
  await on.getByLabel('网格编码').selectOption('XH-LY-BLQ-01');
}

async function fillParty(on: Page, index: number, name: string, role: string, phone?: string) {
  await on.locator(`[name="parties.${index}.name"]`).fill(name);
  await on.locator(`[name="parties.${index}.role"]`).selectOption(role);
  if (phone) await on.locator(`[name="parties.${index}.phone"]`).fill(phone);
}

const fileIt = (on: Page = page) => on.getByRole('button', { name: '提交登记', exact: true }).click();
const receiptUrl = /\/cases\/[0-9a-f-]{36}\/receipt\?lang=zh-CN(&joined=1|&filed=1)?$/;

// One visit, in order: each step starts where the previous one left the page.
describe('a grid worker on a phone', () => {
  let address: string;
  let caseNumber: string;

  it('signs in and lands on the filing home, with their name, role and place in the header', async () => {
    await signIn(page, tokenOf(stack, 'demo-grid-ly'));
    await page.waitForURL(`${stack.edgeUrl}/intake`);
    await expect(heading()).resolves.toBe('登记纠纷');
    await expect(page.getByTestId('signed-in').textContent()).resolves.toContain('王网格员 · 网格员 · 白乐桥村');
    await expect(page.getByRole('button', { name: '退出登录' }).count()).resolves.toBe(1);
    // Standards mode: the doctype is there, so the stylesheet applies as written.
    await expect(page.evaluate(() => document.compatMode)).resolves.toBe('CSS1Compat');
    await expect(page.locator('main').evaluate((main) => getComputedStyle(main).maxWidth)).resolves.not.toBe('none');
    await screenshot('home');
  });

  it('sees every error of the form in one round, the grid cell outside their jurisdiction among them, each linked to its field', async () => {
    await page.getByRole('link', { name: '村居干部、网格员排查' }).first().click();
    await page.waitForURL(`${stack.edgeUrl}/intake/grid`);
    // The screener is who is signed in; nobody types it.
    await expect(page.getByTestId('fixed-source.screenedBy').textContent()).resolves.toContain('王网格员');
    await expect(page.locator('[name="source.screenedBy"]').count()).resolves.toBe(0);
    // The picker offers their own grid cells only; a tampered page posts another station's.
    const offered = await page.locator('select[name="where.gridCellCode"] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(['', 'XH-LY-BLQ-01', 'XH-LY-BLQ-02']);
    await page.locator('select[name="where.gridCellCode"]').evaluate((element) => {
      const select = element as unknown as HTMLSelectElement;
      select.add(new Option('曙光社区第一网格', 'XH-BS-SG-01'));
      select.value = 'XH-BS-SG-01';
    });
    await page.getByLabel('纠纷简要情况').fill('太短');
    await page.getByLabel('发生地点').fill('灵隐街道白乐桥村 3 号');
    await fileIt();

    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    const links = summary.getByRole('link');
    await expect(links.allTextContents()).resolves.toEqual(['请选择纠纷类别', '纠纷简要情况至少需要 10 个字', '该网格不在您的辖区内', '请填写姓名', '请选择身份']);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('error-summary');
    await screenshot('errors');

    // A link takes the cursor to its field, which says the same beside it.
    await links.nth(1).click();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('summary');
    const field = page.locator('[name="summary"]');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator(`#${(await field.getAttribute('aria-describedby'))!.split(' ').at(-1)!.replaceAll('.', '\\.')}`).textContent()).resolves.toContain(
      '纠纷简要情况至少需要 10 个字',
    );
    await expect(field.inputValue()).resolves.toBe('太短');
    await expect(page.getByLabel('发生地点').inputValue()).resolves.toBe('灵隐街道白乐桥村 3 号');
  });

  it('files with a fourth party added, and gets a receipt with the case number and the first-contact deadline', async () => {
    address = `灵隐街道白乐桥村 12 号 ${unique()}`;
    await fillDispute(page, address);
    await fillParty(page, 0, '张某', 'applicant', '13800000001');
    await fillParty(page, 1, '李某', 'respondent');
    await page.getByRole('button', { name: '再添加一名当事人' }).click();
    await fillParty(page, 2, '王某', 'other');
    await page.getByRole('button', { name: '再添加一名当事人' }).click();
    await fillParty(page, 3, '赵某', 'other');
    await expect(page.locator('fieldset.party').count()).resolves.toBe(4);
    await expect(page.locator('[name="parties.0.phone"]').getAttribute('type')).resolves.toBe('tel');
    // Risk flags are large enough for a thumb.
    const flag = page.locator('label.choice', { hasText: '有暴力威胁' });
    expect((await flag.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await flag.click();
    await screenshot('form');
    await fileIt();
    await page.waitForURL(receiptUrl);

    await expect(heading()).resolves.toBe('登记回执');
    await expect(page.getByTestId('new-case').textContent()).resolves.toBe('已登记为新案件');
    caseNumber = (await page.getByTestId('case-number').textContent())!;
    expect(caseNumber).toMatch(/^XH-LY-\d{8}-\d{4}$/);
    await expect(page.locator('main').textContent()).resolves.toContain('已登记，待流转');
    await expect(page.locator('main').textContent()).resolves.toContain('首次联系当事人期限');
    await screenshot('receipt');
  });

  it('is told plainly that a second report at the same address joined the earlier case', async () => {
    await page.goto(`${stack.edgeUrl}/intake/grid`);
    await fillDispute(page, address);
    // The same place and one of the same people: the same dispute.
    await fillParty(page, 0, '张某', 'applicant');
    await fillParty(page, 1, '钱某', 'respondent');
    await fileIt();
    await page.waitForURL(/joined=1$/);
    await expect(page.getByTestId('joined-case').textContent()).resolves.toContain(`本次登记与案件 ${caseNumber} 是同一纠纷，已并入该案件，没有另立新案。`);
    await expect(page.getByTestId('case-number').textContent()).resolves.toBe(caseNumber);
    await screenshot('receipt-joined');
  });

  it('finds the case in "my filings", newest first, with its status', async () => {
    await page.getByRole('navigation', { name: '主要导航' }).getByRole('link', { name: '我的登记' }).click();
    await page.waitForURL(`${stack.edgeUrl}/filings`);
    const first = page.getByTestId('filings').locator('li').first();
    await expect(first.getAttribute('data-case-number')).resolves.toBe(caseNumber);
    await expect(first.textContent()).resolves.toContain('已登记，待流转');
    await expect(first.textContent()).resolves.toContain(address);
    await screenshot('filings');
  });

  it('keeps the draft through a dropped connection and files it exactly once', async () => {
    const draftAddress = `灵隐街道白乐桥村 30 号 ${unique()}`;
    await page.goto(`${stack.edgeUrl}/intake/grid`);
    await fillDispute(page, draftAddress);
    await fillParty(page, 0, '孙某', 'applicant');

    // The page is lost before filing: a reload brings the draft back from the device.
    await page.reload();
    // Said at the top of the form, where the filer looks first, not beside the button at its foot.
    await expect(page.locator('#draft-restored').isVisible()).resolves.toBe(true);
    await expect(page.locator('#draft-restored').textContent()).resolves.toContain('已恢复上次未提交的草稿');
    const notice = (await page.locator('#draft-restored').boundingBox())!;
    expect(notice.y).toBeLessThan((await page.locator('[name="where.address"]').boundingBox())!.y);
    await expect(page.getByLabel('发生地点').inputValue()).resolves.toBe(draftAddress);
    await expect(page.locator('[name="parties.0.name"]').inputValue()).resolves.toBe('孙某');

    // Offline at the moment of filing: nothing goes out, the worker is told it will be resent.
    await phone.setOffline(true);
    await fileIt();
    await expect.poll(() => page.locator('#draft-status').textContent()).toContain('网络不通');
    await screenshot('offline');
    expect(new URL(page.url()).pathname).toBe('/intake/grid');

    // Back online, but the first answer is lost on the way: the case is filed, the page does not know it.
    let lostAnswers = 0;
    await page.route('**/intake/grid', async (route) => {
      if (route.request().method() !== 'POST' || lostAnswers > 0) return route.continue();
      lostAnswers += 1;
      await route.fetch({ maxRedirects: 0 });
      await route.abort('internetdisconnected');
    });
    await phone.setOffline(false);
    await page.waitForURL(receiptUrl, { timeout: 60_000 });
    expect(lostAnswers).toBe(1);
    await expect(page.getByTestId('new-case').count()).resolves.toBe(1);
    await expect(page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('fengqiao-draft:')))).resolves.toEqual([]);
    await page.unroute('**/intake/grid');

    // Resent under the same key: one case, not two.
    await page.goto(`${stack.edgeUrl}/filings`);
    await expect(page.getByTestId('filings').locator('li', { hasText: draftAddress }).count()).resolves.toBe(1);
  });

  it('lets a restored draft be thrown away, leaving a blank form', async () => {
    await page.goto(`${stack.edgeUrl}/intake/grid`);
    await fillDispute(page, `灵隐街道白乐桥村 31 号 ${unique()}`);
    await page.reload();
    await page.getByRole('button', { name: '放弃草稿，重新填写' }).click();
    await page.waitForLoadState('load');
    await expect.poll(() => page.getByLabel('发生地点').inputValue()).toBe('');
    await expect(page.locator('#draft-restored').isVisible()).resolves.toBe(false);
    await expect(page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('fengqiao-draft:')))).resolves.toEqual([]);
    await page.goto(`${stack.edgeUrl}/filings`);
  });

  it('reads a page in English after the switch, and keeps English on the next page', async () => {
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/filings\?lang=en$/);
    await expect(heading()).resolves.toBe('My filings');
    await page.goto(`${stack.edgeUrl}/intake/grid`);
    await expect(heading()).resolves.toBe('File a dispute · Grid screening');
    await page.getByRole('link', { name: '中文' }).click();
    await expect(heading()).resolves.toBe('矛盾纠纷登记 · 村居干部、网格员排查');
  });

  it('sees a friendly 404 page in Chinese for an unknown page, while the API keeps its JSON', async () => {
    const response = await page.goto(`${stack.edgeUrl}/no-such-page`);
    expect(response!.status()).toBe(404);
    await expect(heading()).resolves.toBe('找不到该页面');
    await expect(page.getByRole('link', { name: '返回首页' }).getAttribute('href')).resolves.toBe('/intake');
    await screenshot('not-found');
    const api = await fetch(`${stack.edgeUrl}/api/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  it('signs out from the header', async () => {
    await page.goto(`${stack.edgeUrl}/intake`);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${stack.edgeUrl}/filings`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});

describe('a grid worker whose phone runs no JavaScript', () => {
  it('adds and removes parties by plain form posts, with everything typed kept, and files', async () => {
    const plain = await phoneContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    noScript.setDefaultTimeout(15_000);
    await signIn(noScript, tokenOf(stack, 'demo-grid-ly'));
    await noScript.goto(`${stack.edgeUrl}/intake/grid`);
    const address = `灵隐街道白乐桥村 50 号 ${unique()}`;
    await fillDispute(noScript, address);
    await fillParty(noScript, 0, '周某', 'applicant');
    await fillParty(noScript, 1, '吴某', 'other');
    await noScript.getByRole('button', { name: '再添加一名当事人' }).click();
    await expect.poll(() => noScript.locator('fieldset.party').count()).toBe(3);
    await fillParty(noScript, 2, '郑某', 'respondent');
    await noScript.getByRole('button', { name: '删除当事人 2' }).click();
    await expect.poll(() => noScript.locator('fieldset.party').count()).toBe(2);
    await expect(noScript.locator('[name="parties.1.name"]').inputValue()).resolves.toBe('郑某');
    await expect(noScript.getByLabel('发生地点').inputValue()).resolves.toBe(address);
    await fileIt(noScript);
    await noScript.waitForURL(receiptUrl);
    await expect(noScript.getByTestId('case-number').textContent()).resolves.toMatch(/^XH-LY-/);
    await plain.close();
  });
});

describe('a new grid worker on a phone', () => {
  it('signs in with the admin’s one-time code, sets a password, and signs in with it the next time', async () => {
    const admin = apiAs(stack, tokenOf(stack, 'demo-admin'));
    const made = await admin('/api/users', { method: 'POST', body: JSON.stringify({ id: 'grid-ly-new', name: '新网格员', role: 'grid_worker', jurisdictionCode: 'XH-LY-BLQ' }) });
    expect(made.status).toBe(201);
    const { oneTimeCode } = (await made.json()) as { oneTimeCode: string };
    const context = await phoneContext();
    const newcomer = await context.newPage();
    const passwordForm = newcomer.locator('form[action="/login"]').first();
    await newcomer.goto(`${stack.edgeUrl}/`);
    await newcomer.getByLabel('用户名或手机号').fill('grid-ly-new');
    await newcomer.getByLabel('密码', { exact: true }).fill(oneTimeCode);
    await passwordForm.getByRole('button', { name: '登录' }).click();
    await newcomer.waitForURL(`${stack.edgeUrl}/account/password`);
    await expect(heading(newcomer)).resolves.toBe('设置密码');
    await expect(newcomer.getByText('这是您第一次登录').count()).resolves.toBe(1);
    await newcomer.getByLabel('新密码', { exact: true }).fill('白乐桥网格 01');
    await newcomer.getByLabel('再次输入新密码').fill('白乐桥网格 01');
    await screenshot('set-password', newcomer);
    await newcomer.getByRole('button', { name: '保存密码' }).click();
    await newcomer.waitForURL(`${stack.edgeUrl}/intake`);
    await expect(newcomer.getByTestId('signed-in').textContent()).resolves.toContain('新网格员');

    await newcomer.getByRole('button', { name: '退出登录' }).click();
    await newcomer.waitForURL(/\/login$/);
    await newcomer.getByLabel('用户名或手机号').fill('grid-ly-new');
    await newcomer.getByLabel('密码', { exact: true }).fill('白乐桥网格 01');
    await passwordForm.getByRole('button', { name: '登录' }).click();
    await newcomer.waitForURL(`${stack.edgeUrl}/intake`);
    await context.close();
  });
});
