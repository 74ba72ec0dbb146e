import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { edgeOnlyStack, tokenOf } from '../support/stack';

/**
 * A grid worker on a phone fills the server-rendered intake form in a real headless Chromium.
 * The browser is Debian's `chromium` (or $CHROMIUM_PATH), never a downloaded one. Temporal is not started, so the
 * case stays `queued`, which the receipt shows as it is.
 */
const chromiumPath = findChromium();
// The background-networking flags stop Chromium dialling out on its own: nothing answers them here.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!chromiumPath) {
    throw new Error(
      "No Chromium found. `npm install` installs Debian's when it runs as root on Debian; else " +
        '`apt-get install -y --no-install-recommends chromium`, or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  ({ stack } = await edgeOnlyStack());
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  // A phone set to Chinese: Playwright would otherwise send an English Accept-Language.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' });
  page = await phone.newPage();
  page.setDefaultTimeout(15_000);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const screenshot = (name: string) => page.screenshot({ path: join(stack.options.dataDir, name), fullPage: true });

// One visit, in order: each step starts where the previous one left the page.
describe('a grid worker filing a dispute on a phone', () => {
  it('is asked to sign in first, and comes back to the grid form', async () => {
    await page.goto(`${stack.edgeUrl}/intake/grid`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('访问令牌').fill(tokenOf(stack, 'demo-grid-ly'));
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${stack.edgeUrl}/intake/grid`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('矛盾纠纷登记 · 村居干部、网格员排查');
  });

  it('sees a summary that is too short refused in Chinese next to the field, with everything typed still there', async () => {
    await page.locator('select[name="category"]').selectOption('neighbour');
    await page.locator('[name="summary"]').fill('太短');
    await page.locator('[name="where.address"]').fill('灵隐街道白乐桥村 12 号');
    await page.locator('[name="where.gridCellCode"]').fill('XH-LY-BLQ-01');
    await page.locator('[name="parties.0.name"]').fill('张某');
    await page.locator('select[name="parties.0.role"]').selectOption('applicant');
    await page.locator('[name="source.screenedBy"]').fill('王网格员');
    await page.getByRole('button', { name: '提交登记' }).click();

    // The message sits in the summary's own label (waiting for it waits for the page to come back),
    // and the field points at it for a screen reader.
    const summary = page.locator('[name="summary"]');
    const message = page.locator('label', { has: summary }).locator('.field-error');
    await expect(message.textContent()).resolves.toBe('纠纷简要情况至少需要 10 个字');
    await expect(summary.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(summary.getAttribute('aria-describedby')).resolves.toBe(await message.getAttribute('id'));
    await expect(page.getByRole('alert').textContent()).resolves.toContain('请修改以下内容后再提交');

    await expect(summary.inputValue()).resolves.toBe('太短');
    await expect(page.locator('[name="where.address"]').inputValue()).resolves.toBe('灵隐街道白乐桥村 12 号');
    await expect(page.locator('[name="where.gridCellCode"]').inputValue()).resolves.toBe('XH-LY-BLQ-01');
    await expect(page.locator('select[name="category"]').inputValue()).resolves.toBe('neighbour');
    await expect(page.locator('[name="parties.0.name"]').inputValue()).resolves.toBe('张某');
    await expect(page.locator('select[name="parties.0.role"]').inputValue()).resolves.toBe('applicant');
    await expect(page.locator('[name="source.screenedBy"]').inputValue()).resolves.toBe('王网格员');
  });

  it('files the case once the summary is fixed, and gets a receipt with its case number', async () => {
    await page.locator('[name="summary"]').fill('楼下烧烤店油烟扰民，双方多次争吵，一方曾持刀威胁。');
    await screenshot('intake-form.png');
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}\/receipt\?lang=zh-CN$/);

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('登记回执');
    await expect(page.getByTestId('case-number').textContent()).resolves.toMatch(/^XH-LY-\d{8}-\d{4}$/);
    await expect(page.locator('body').textContent()).resolves.toContain('已登记，待流转');
    await screenshot('receipt.png');
  });

  it('reads the same receipt in English after tapping the language link', async () => {
    const caseNumber = await page.getByTestId('case-number').textContent();
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/receipt\?lang=en$/);

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Receipt');
    await expect(page.getByTestId('case-number').textContent()).resolves.toBe(caseNumber);
    await expect(page.locator('dl').textContent()).resolves.toContain('Filed, waiting to start');
    await expect(page.getByRole('link', { name: '中文' }).count()).resolves.toBe(1);
  });
});
