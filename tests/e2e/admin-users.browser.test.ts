import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desktopContext, edgeAndChromium, heading, phoneContext, screenshot, signIn } from '../support/browser';
import { tokenOf } from '../support/stack';

/**
 * An admin enrols a mediator through the pages on a phone, in a real headless Chromium on the edge in workerd with
 * D1, and the mediator signs in on their own phone with the one-time code and sets a password. The list is looked
 * at on a desktop too. Temporal is not needed: nobody here files a case.
 */
const running = edgeAndChromium();

describe('enrolling a person through the admin’s pages', () => {
  it('an admin creates a mediator on a phone, and the mediator signs in with the code and sets a password', async () => {
    const phone = await phoneContext(running.browser);
    const page = await phone.newPage();
    await signIn(page, running.stack.edgeUrl, tokenOf(running.stack, 'demo-admin'));
    expect(await heading(page)).toBe('管理');
    await screenshot(page, 'admin-home-phone');
    await page.getByRole('link', { name: '管理用户' }).first().click();
    expect(await heading(page)).toBe('管理用户');
    await page.getByRole('link', { name: '新建用户' }).click();

    // Sent with a wrong department first: the errors come back beside their fields, nothing typed is lost.
    await page.getByLabel('用户名').fill('mediator-phone-sun');
    await page.getByLabel('姓名').fill('孙调解员');
    await page.getByLabel('角色').selectOption('mediator');
    await page.getByLabel('所属辖区').selectOption('XH-LY');
    await page.getByLabel('部门').selectOption('market');
    await page.getByRole('button', { name: '创建用户' }).click();
    await expect.poll(() => page.getByTestId('error-summary').textContent()).toContain('只有部门联络员才填写部门');
    expect(await page.getByLabel('姓名').inputValue()).toBe('孙调解员');
    await screenshot(page, 'admin-new-user-error-phone');
    await page.getByLabel('部门').selectOption('');
    await page.getByRole('button', { name: '创建用户' }).click();

    expect(await heading(page)).toBe('用户已创建');
    const code = (await page.getByTestId('one-time-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await screenshot(page, 'admin-code-phone');
    await page.getByRole('link', { name: '返回用户列表' }).click();
    await page.getByLabel('搜索内容').fill('孙调解');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => page.getByTestId('users').textContent()).toContain('尚未设置密码');
    await screenshot(page, 'admin-users-phone');

    const mediator = await (await phoneContext(running.browser)).newPage();
    await mediator.goto(`${running.stack.edgeUrl}/login`);
    await mediator.getByLabel('用户名或手机号').fill('mediator-phone-sun');
    await mediator.getByLabel('密码', { exact: true }).fill(code);
    await mediator.getByRole('button', { name: '登录' }).first().click();
    expect(await heading(mediator)).toBe('设置密码');
    await mediator.getByLabel('新密码', { exact: true }).fill('孙调解员的登录密码');
    await mediator.getByLabel('再次输入新密码').fill('孙调解员的登录密码');
    await mediator.getByRole('button', { name: '保存密码' }).click();
    await expect.poll(() => new URL(mediator.url()).pathname).toBe('/queue');

    const desk = await (await desktopContext(running.browser)).newPage();
    await signIn(desk, running.stack.edgeUrl, tokenOf(running.stack, 'demo-admin'));
    await desk.goto(`${running.stack.edgeUrl}/admin/users`);
    expect(await desk.locator('tr[data-user="mediator-phone-sun"]').textContent()).toContain('正常');
    await screenshot(desk, 'admin-users-desktop');
    await desk.locator('tr[data-user="mediator-phone-sun"] a').click();
    expect(await heading(desk)).toBe('孙调解员');
    await screenshot(desk, 'admin-user-desktop');
    await page.goto(`${running.stack.edgeUrl}/admin/users/mediator-phone-sun`);
    await screenshot(page, 'admin-user-phone');
  });
});

/** The main navigation as laid out: its box, its rows, the page's own link, and whether its links all show unscrolled. */
const navLayout = (page: Page) =>
  page.locator('nav.site-nav').evaluate((nav) => {
    const list = nav.querySelector('ul')!;
    const shown = list.getBoundingClientRect();
    const current = nav.querySelector('a[aria-current=page]')?.getBoundingClientRect();
    return {
      left: nav.getBoundingClientRect().left,
      right: nav.getBoundingClientRect().right,
      rows: new Set([...list.querySelectorAll('li')].map((item) => Math.round(item.getBoundingClientRect().top))).size,
      currentInView: !!current && current.left >= shown.left && current.right <= shown.right,
      allShown: list.scrollWidth <= list.clientWidth,
      pageWidth: document.documentElement.scrollWidth,
    };
  });

describe('the admin’s navigation', () => {
  it('is one row within a 390-px phone that scrolls sideways, the page one is on in view and every link reached by the keyboard; a desktop shows them all', async () => {
    const page = await (await phoneContext(running.browser)).newPage();
    await signIn(page, running.stack.edgeUrl, tokenOf(running.stack, 'demo-admin'));
    const links = page.locator('nav.site-nav').getByRole('link');
    expect(await links.count()).toBe(8);
    // The first link, one in the middle and the last, in both languages: the row scrolls to the page one is on.
    for (const [path, lang] of [
      ['/admin', 'zh-CN'],
      ['/admin/policy', 'zh-CN'],
      ['/dashboard', 'zh-CN'],
      ['/dashboard', 'en'],
    ]) {
      await page.goto(`${running.stack.edgeUrl}${path}?lang=${lang}`);
      const layout = await navLayout(page);
      expect(layout, `${path} ${lang}`).toMatchObject({ rows: 1, currentInView: true });
      expect(layout.left, path).toBeGreaterThanOrEqual(0);
      expect(layout.right, path).toBeLessThanOrEqual(390);
      expect(layout.pageWidth, path).toBeLessThanOrEqual(390);
    }
    await screenshot(page, 'admin-nav-phone');

    // A link scrolled wholly out of sight comes into view when the keyboard reaches it, or when the row is swiped.
    const wholeOnScreen = async () => {
      const box = (await links.last().boundingBox())!;
      return box.x >= 0 && box.x + box.width <= 390;
    };
    await page.goto(`${running.stack.edgeUrl}/admin?lang=en`);
    expect(await wholeOnScreen()).toBe(false);
    await links.last().focus();
    expect(await wholeOnScreen()).toBe(true);
    await page.goto(`${running.stack.edgeUrl}/admin?lang=zh-CN`);
    await page.locator('nav.site-nav ul').evaluate((list) => list.scrollTo({ left: list.scrollWidth }));
    expect(await wholeOnScreen()).toBe(true);

    const desk = await (await desktopContext(running.browser)).newPage();
    await signIn(desk, running.stack.edgeUrl, tokenOf(running.stack, 'demo-admin'));
    expect(await navLayout(desk)).toMatchObject({ rows: 1, currentInView: true, allShown: true });
  });
});
