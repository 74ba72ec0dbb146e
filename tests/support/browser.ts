import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { findChromium } from '../../scripts/chromium';
import type { Stack } from '../../scripts/stack';
import { edgeOnlyStack } from './stack';

/**
 * The browser the page tests drive: Debian's `chromium` (or $CHROMIUM_PATH), never a downloaded one. The
 * background-networking flags stop Chromium dialling out on its own: nothing answers them here.
 */
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

/** Screenshots of each page, kept after the run (the folder is ignored by git). */
export const screenshotDir = resolve(import.meta.dirname, '../../test-artifacts/screenshots');

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      "No Chromium found. `npm install` installs Debian's when it runs as root on Debian; else " +
        '`apt-get install -y --no-install-recommends chromium`, or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({ executablePath, args: chromiumArgs });
}

/** A phone set to Chinese (Playwright would otherwise send an English Accept-Language), 390 px wide. */
export const phoneContext = (browser: Browser, options: { javaScriptEnabled?: boolean } = {}) =>
  browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', ...options });

/** A command room's desktop, in Chinese. */
export const desktopContext = (browser: Browser) => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });

/**
 * A picture of the page kept after the run; and since a page worth a picture is a page people use, axe-core checks it
 * first: any rule it breaks fails the test, named with the elements that break it. axe-core is a script, so a page
 * shown with JavaScript off (`scripted: false`) is pictured unchecked; its test shows the same page scripted elsewhere.
 */
export async function screenshot(page: Page, name: string, { scripted = true }: { scripted?: boolean } = {}) {
  const violations = scripted ? await accessibilityViolations(page) : [];
  if (violations.length) throw new Error(`${name}: axe-core finds ${violations.length} problem(s):\n${violations.join('\n')}`);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Signs in with an access token, the sign-in form's second way in, folded under the password form. */
export async function signIn(page: Page, baseUrl: string, token: string) {
  await page.goto(`${baseUrl}/`);
  const byToken = page.locator('details', { hasText: '用访问令牌登录' });
  await byToken.locator('summary').click();
  await byToken.getByLabel('访问令牌').fill(token);
  await byToken.getByRole('button', { name: '登录' }).click();
}

/** The page's one heading, as a person reads it first. */
export const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/**
 * The edge alone (no Temporal: nobody files a case) and a headless Chromium, started before a file's tests and
 * stopped after them.
 */
export function edgeAndChromium() {
  const running = {} as { stack: Stack; browser: Browser };
  beforeAll(async () => {
    ({ stack: running.stack } = await edgeOnlyStack());
    running.browser = await launchChromium();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.stack?.stop();
  });
  return running;
}

/** Signs in through the password form, as a person does: a user name (or phone number), and a password or one-time code. */
export async function signInWithPassword(page: Page, baseUrl: string, login: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名或手机号').fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).first().click();
}

/**
 * A new person's first sign-in: the admin's one-time code, then a password of their own on the page it leads to.
 * Resolves on the page they land on afterwards, their home.
 */
export async function setFirstPassword(page: Page, baseUrl: string, login: string, code: string, password: string) {
  await signInWithPassword(page, baseUrl, login, code);
  await page.waitForURL(`${baseUrl}/account/password`);
  await page.getByLabel('新密码', { exact: true }).fill(password);
  await page.getByLabel('再次输入新密码').fill(password);
  await page.getByRole('button', { name: '保存密码' }).click();
  await page.waitForURL((url) => url.pathname !== '/account/password');
}

let axeSource: string | undefined;

/**
 * What axe-core finds wrong on the page as it stands, rule by rule with the elements it names: `[]` is a page a
 * screen reader, a keyboard and a low-vision reader can all use. Evaluated through the browser's own protocol, so the
 * pages' script policy need not let it in.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
