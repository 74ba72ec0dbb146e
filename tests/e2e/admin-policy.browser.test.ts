import { describe, expect, it } from 'vitest';
import { apiAs, tokenOf } from '../support/stack';
import { desktopContext, edgeAndChromium, heading, phoneContext, screenshot, signIn } from '../support/browser';

/**
 * An admin changes the SLA policy on a phone, in a real headless Chromium on the edge in workerd with D1: a mistyped
 * duration comes back beside its field, the preview shows the deadlines before and after, publishing makes the next
 * version, and a county day added on the working calendar's page makes the one after. The same page is looked at on
 * a desktop. Temporal is not needed: nobody here files a case.
 */
const running = edgeAndChromium();

describe('changing the SLA policy through the admin’s page', () => {
  it('an admin on a phone edits the policy, previews its deadlines and publishes it', async () => {
    const page = await (await phoneContext(running.browser)).newPage();
    await signIn(page, running.stack.edgeUrl, tokenOf(running.stack, 'demo-admin'));
    await screenshot(page, 'admin-home-upkeep-phone');
    await page.getByRole('link', { name: '时限规则' }).first().click();
    expect(await heading(page)).toBe('时限规则');
    await screenshot(page, 'admin-policy-phone');

    await page.getByLabel('接单时限').fill('3小时');
    await page.getByRole('button', { name: '预览期限（不保存）' }).click();
    await expect.poll(() => page.getByTestId('error-summary').textContent()).toContain('接单时限要写成 ISO-8601 时长');
    expect(await page.getByLabel('接单时限').inputValue()).toBe('3小时');
    await screenshot(page, 'admin-policy-error-phone');

    await page.getByLabel('接单时限').fill('PT3H');
    await page.getByLabel('晚间登记的首次联系时长').fill('PT8H');
    await page.getByRole('button', { name: '预览期限（不保存）' }).click();
    await expect.poll(() => page.getByTestId('preview-late').textContent()).toContain('今天 22:00');
    expect(await page.getByTestId('preview-late').locator('tr[data-clock="firstContact"]').textContent()).toContain('有变化');
    expect(await page.getByTestId('preview-now').locator('tr[data-clock="accept"]').textContent()).toContain('有变化');
    // A phone shows the table as cards: nothing runs off the side of the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'admin-policy-preview-phone');
    expect(((await (await apiAs(running.stack, tokenOf(running.stack, 'demo-admin'))('/api/policy')).json()) as { version: number }).version).toBe(1);

    expect(await page.getByLabel('接单时限').inputValue()).toBe('PT3H');
    await page.getByRole('button', { name: '发布为新版本' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('已发布第 2 版时限规则');
    expect(await page.getByLabel('接单时限').inputValue()).toBe('PT3H');
    const policy = (await (await apiAs(running.stack, tokenOf(running.stack, 'demo-admin'))('/api/policy')).json()) as { version: number; accept: string };
    expect(policy).toMatchObject({ version: 2, accept: 'PT3H' });
    await screenshot(page, 'admin-policy-published-phone');
    await page.getByRole('link', { name: '查看第 2 版' }).click();
    expect(await heading(page)).toBe('时限规则第 2 版');

    // The county's own day, added on the same phone, is the next version of the policy.
    await page.getByRole('link', { name: '工作日历' }).first().click();
    expect(await heading(page)).toBe('工作日历');
    await page.getByLabel('日期', { exact: true }).fill('2026-03-10');
    await page.getByLabel('类别', { exact: true }).selectOption('holiday');
    await page.getByLabel('名称', { exact: true }).fill('三月三');
    await page.getByRole('button', { name: '添加并发布新版本' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('发布了第 3 版时限规则');
    expect(await page.getByTestId('county-days').textContent()).toContain('三月三');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'admin-calendar');

    const desk = await (await desktopContext(running.browser)).newPage();
    await signIn(desk, running.stack.edgeUrl, tokenOf(running.stack, 'demo-admin'));
    await desk.goto(`${running.stack.edgeUrl}/admin/policy`);
    await desk.getByRole('button', { name: '预览期限（不保存）' }).click();
    await expect.poll(() => desk.getByTestId('preview-now').textContent()).toContain('无变化');
    await screenshot(desk, 'admin-policy-preview-desktop');
    await desk.goto(`${running.stack.edgeUrl}/admin/dead-letters`);
    expect(await desk.getByTestId('no-dead-letters').textContent()).toContain('没有投递失败的消息');
    await screenshot(desk, 'admin-dead-letters-desktop');
  });
});
