import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { desktopContext, heading, launchChromium, phoneContext, screenshot, setFirstPassword, signIn } from '../support/browser';
import { apiAs, caseUntil, freshIntake, testStack, tokenOf } from '../support/stack';

/**
 * From enrolment to work, on the whole stack (Temporal dev server, workerd with local D1, the case worker) in a real
 * Chromium: an admin enrols a mediator on a desktop, the mediator signs in on a phone with the one-time code and sets
 * a password, the station's command room dispatches a case to them, and they accept it. The phone layout of the
 * admin's pages is admin-users.browser.test.ts's.
 */
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await testStack();
  await stack.start();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

type CaseView = { id: string; caseNumber: string; status: string };

const login = 'mediator-ly-qian';
const name = '钱调解员';
const password = '钱调解员的登录密码';

describe('a mediator enrolled through the pages', () => {
  it('signs in with the code the admin read off the page, sets a password, and accepts the first case dispatched to them', async () => {
    const gridWorker = apiAs(stack, tokenOf(stack, 'demo-grid-ly'));
    // Filed first, so the workflow opens the case while the admin and the mediator are busy.
    const filed = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify({ ...freshIntake('grid'), riskFlags: [] }) });
    expect(filed.status).toBe(201);
    const { id } = (await filed.json()) as CaseView;

    const adminDesk = await desktopContext(browser);
    const admin = await adminDesk.newPage();
    admin.setDefaultTimeout(20_000);
    await signIn(admin, stack.edgeUrl, tokenOf(stack, 'demo-admin'));
    await admin.goto(`${stack.edgeUrl}/admin/users/new`);
    await admin.getByLabel('用户名').fill(login);
    await admin.getByLabel('姓名').fill(name);
    await admin.getByLabel('角色').selectOption('mediator');
    await admin.getByLabel('所属辖区').selectOption('XH-LY');
    await admin.getByRole('button', { name: '创建用户' }).click();
    await admin.waitForURL(`${stack.edgeUrl}/admin/users`);
    await expect(heading(admin)).resolves.toBe('用户已创建');
    const code = (await admin.getByTestId('one-time-code').textContent())!.trim();
    await screenshot(admin, 'enrolment-code-desktop');
    await adminDesk.close();

    const phone = await phoneContext(browser);
    const mediator = await phone.newPage();
    mediator.setDefaultTimeout(20_000);
    await setFirstPassword(mediator, stack.edgeUrl, login, code, password);
    expect(new URL(mediator.url()).pathname).toBe('/queue');
    await expect(mediator.getByTestId('signed-in').textContent()).resolves.toContain(name);
    await expect(mediator.getByText('您名下没有未办结的案件。').count()).resolves.toBe(1);

    // The command room picks the new mediator from the station's list, where nobody had to add them by hand.
    const { caseNumber } = await caseUntil<CaseView>(gridWorker, id, (view) => view.status === 'open');
    const commandDesk = await desktopContext(browser);
    const commandRoom = await commandDesk.newPage();
    commandRoom.setDefaultTimeout(20_000);
    await signIn(commandRoom, stack.edgeUrl, tokenOf(stack, 'demo-supervisor-ly'));
    await commandRoom.waitForURL(`${stack.edgeUrl}/board`);
    await commandRoom.goto(`${stack.edgeUrl}/cases/${id}`);
    const assign = commandRoom.locator('#step-assign');
    const offered = await assign.getByLabel('派给调解员', { exact: true }).locator('option').allTextContents();
    expect(offered).toContain(`${name}（在办 0 件，超期 0 件，疑难 0 件）`);
    await assign.getByLabel('派给调解员', { exact: true }).selectOption(login);
    await assign.getByRole('button', { name: '派单' }).click();
    await expect(commandRoom.getByTestId('flash').textContent()).resolves.toBe('已办理：派单。');
    await expect(commandRoom.getByTestId('assignee').textContent()).resolves.toBe(name);
    await commandDesk.close();

    await mediator.reload();
    const card = mediator.getByTestId('queue').locator(`li[data-case-number="${caseNumber}"]`);
    await card.getByRole('link', { name: caseNumber }).click();
    await mediator.waitForURL(`${stack.edgeUrl}/cases/${id}`);
    await expect(mediator.locator('dt:text-is("订单进度") + dd').textContent()).resolves.toBe('已派单，待接单');
    await mediator.locator('#step-accept').getByRole('button', { name: '确认接单' }).click();
    await expect(mediator.getByTestId('flash').textContent()).resolves.toBe('已办理：接单。');
    await expect(mediator.locator('#step-accept').count()).resolves.toBe(0);
    await expect(mediator.locator('dt:text-is("订单进度") + dd').textContent()).resolves.toBe('已接单');
    const accepted = mediator.getByTestId('timeline').locator('li[data-type="step:accept"]');
    await expect(accepted.textContent()).resolves.toContain(name);
    await screenshot(mediator, 'enrolment-accepted-phone');
    await phone.close();
  });
});
