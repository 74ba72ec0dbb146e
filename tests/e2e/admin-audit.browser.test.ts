import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desktopContext, edgeAndChromium, heading, phoneContext, screenshot, setFirstPassword, signIn, signInWithPassword } from '../support/browser';
import { apiAs, tokenOf } from '../support/stack';

/**
 * The audit as an admin reads it at /admin/audit, in a real headless Chromium on the edge in workerd with D1: a new
 * mediator's sign-ins on a phone (the one-time code, a wrong password, the right one), then the admin on a desktop
 * finds the failed try and the account's changes in Chinese, narrows the list with the filters, and downloads it.
 * The filters' and the CSV's edges are tests/worker/admin-audit.test.ts's.
 */
const running = edgeAndChromium();

const person = 'audit-browser-zhou';
const name = '周调解员';
const password = '周调解员的登录密码';
const wrongPassword = '不是这个密码';

const rows = (page: Page) => page.locator('tbody tr');
const resultCount = (page: Page) => page.getByTestId('result-count').textContent();
const outcome = (page: Page) => page.getByLabel('登录结果');
const action = (page: Page) => page.getByLabel('变更事项');

/** Applies the filters as typed and waits for the page they ask for. */
async function filter(page: Page) {
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await page.getByRole('button', { name: '筛选', exact: true }).click();
  await navigated;
  await page.waitForLoadState();
}

/** The day before a `YYYY-MM-DD` day. */
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('the audit page', () => {
  it('shows an admin a wrong password and a new account in Chinese, narrows to them with its filters, and downloads the CSV', async () => {
    const { stack, browser } = running;
    // Two changes by the admin, of two kinds: the account made under a short name, then the name written out.
    const adminApi = apiAs(stack, tokenOf(stack, 'demo-admin'));
    const made = await adminApi('/api/users', { method: 'POST', body: JSON.stringify({ id: person, name: '小周', role: 'mediator', jurisdictionCode: 'XH-LY' }) });
    expect(made.status).toBe(201);
    const { oneTimeCode } = (await made.json()) as { oneTimeCode: string };
    expect((await adminApi(`/api/users/${person}`, { method: 'PATCH', body: JSON.stringify({ name }) })).status).toBe(200);

    const phone = await phoneContext(browser);
    const mediator = await phone.newPage();
    await setFirstPassword(mediator, stack.edgeUrl, person, oneTimeCode, password);
    await phone.clearCookies();
    await signInWithPassword(mediator, stack.edgeUrl, person, wrongPassword);
    await expect(mediator.getByRole('alert').textContent()).resolves.toContain('用户名或密码不正确');
    await signInWithPassword(mediator, stack.edgeUrl, person, password);
    await mediator.waitForURL(`${stack.edgeUrl}/queue`);
    await phone.close();

    const desk = await desktopContext(browser);
    const admin = await desk.newPage();
    admin.setDefaultTimeout(20_000);
    await signIn(admin, stack.edgeUrl, tokenOf(stack, 'demo-admin'));
    await admin.waitForURL(`${stack.edgeUrl}/admin`);
    await admin.getByRole('link', { name: '审计记录' }).first().click();
    await admin.waitForURL(`${stack.edgeUrl}/admin/audit`);
    await expect(heading(admin)).resolves.toBe('审计记录');
    await admin.getByRole('navigation', { name: '记录类别' }).getByRole('link', { name: '登录记录' }).click();
    await admin.waitForURL(/tab=signIns/);

    // A sign-in is recorded just after its answer: the list may need a moment before it holds the last ones. The
    // admin's own, by token, is among them: the list holds more than the mediator's tries until narrowed.
    const theirs = rows(admin).filter({ hasText: person });
    const admins = rows(admin).filter({ hasText: '访问令牌' });
    await expect.poll(async () => (await admin.reload(), [await theirs.count(), await admins.count()]), { timeout: 10_000 }).toEqual([3, 1]);
    const failed = theirs.filter({ hasText: '密码错误' });
    await expect(failed.count()).resolves.toBe(1);
    await expect(failed.textContent()).resolves.toContain(name);
    await expect(theirs.filter({ hasText: '一次性登录码' }).count()).resolves.toBe(1);
    await screenshot(admin, 'audit-sign-ins-desktop');

    await admin.getByLabel('用户 ID').fill(person);
    await outcome(admin).selectOption({ label: '密码错误' });
    await filter(admin);
    await expect(resultCount(admin)).resolves.toBe('本页 1 条');
    await expect(rows(admin).textContent()).resolves.toContain('密码错误');
    await expect(admin.getByLabel('用户 ID').inputValue()).resolves.toBe(person);

    // The period is read in the county's time, as the rows show it: their own day holds them, the day before none.
    const day = (await rows(admin).locator('time').textContent())!.slice(0, 10);
    await outcome(admin).selectOption({ label: '全部结果' });
    await admin.getByLabel('开始日期').fill(day);
    await filter(admin);
    await expect(resultCount(admin)).resolves.toBe('本页 3 条');
    await admin.getByLabel('开始日期').fill('');
    await admin.getByLabel('截止日期').fill(dayBefore(day));
    await filter(admin);
    await expect(resultCount(admin)).resolves.toBe('没有符合条件的记录。');
    await expect(rows(admin).count()).resolves.toBe(0);
    await admin.getByLabel('截止日期').fill('');
    await filter(admin);
    await expect(resultCount(admin)).resolves.toBe('本页 3 条');
    await screenshot(admin, 'audit-sign-ins-filtered-desktop');

    const downloading = admin.waitForEvent('download');
    await admin.getByRole('link', { name: '下载 CSV（当前筛选）' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^audit-signIns-\d{4}-\d\d-\d\d\.csv$/);
    const bytes = await readFile((await download.path())!);
    // A byte-order mark first, or Excel reads the Chinese as mojibake.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('时间,用户 ID,账户,输入的登录名,方式,结果,来源地址');
    expect(lines.length).toBe(4);
    expect(lines.filter((line) => line.includes('密码错误') && line.includes(person))).toHaveLength(1);
    expect(bytes.toString('utf8')).not.toContain(wrongPassword);

    await admin.getByRole('navigation', { name: '记录类别' }).getByRole('link', { name: '管理变更' }).click();
    await admin.waitForURL(/tab=changes/);
    const theirChanges = rows(admin).filter({ hasText: person });
    await expect(theirChanges.count()).resolves.toBe(2);
    await expect(theirChanges.filter({ hasText: '修改用户' }).textContent()).resolves.toContain('名称：周调解员');
    const created = theirChanges.filter({ hasText: '新建用户' });
    await expect(created.textContent()).resolves.toContain('名称：小周；角色：调解员');
    await expect(created.locator('th').textContent()).resolves.toContain('demo-admin');
    await action(admin).selectOption({ label: '修改用户' });
    await filter(admin);
    await expect(resultCount(admin)).resolves.toBe('本页 1 条');
    await expect(rows(admin).textContent()).resolves.toContain(person);
    await action(admin).selectOption({ label: '新建用户' });
    await filter(admin);
    await expect(rows(admin).filter({ hasText: person }).count()).resolves.toBe(1);
    expect(await rows(admin).filter({ hasNotText: '新建用户' }).count()).toBe(0);
    await screenshot(admin, 'audit-changes-desktop');
    await desk.close();
  });
});
