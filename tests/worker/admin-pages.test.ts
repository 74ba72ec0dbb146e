import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitAfterFailures } from '../../domain/sign-in-backoff';
import type { Stack } from '../../scripts/stack';
import { edgeOnlyStack, sessionCookieOf } from '../support/stack';

/**
 * The admin's pages for the people they keep, over plain HTTP as a browser without JavaScript sends them, on the
 * edge in workerd with a local D1. The first wait after three wrong passwords is 20 ms, so locking an account by
 * wrong passwords takes seconds, not minutes.
 */
const firstWaitMs = 20;
let stack: Stack;
let admin: string;

beforeAll(async () => {
  ({ stack } = await edgeOnlyStack(undefined, { signInFirstWaitMs: firstWaitMs }));
  admin = await sessionCookieOf(stack, 'demo-admin');
});
afterAll(async () => stack?.stop());

const page = (path: string, cookie = admin) => fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', headers: { cookie, 'accept-language': 'zh-CN' } });
/** A page form as the browser posts it: from this site, from an address of the test's own (the sign-in limits count per address). */
const post = (path: string, fields: Record<string, string>, cookie = admin, address = '198.51.100.20') =>
  fetch(`${stack.edgeUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: stack.edgeUrl, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN', 'cf-connecting-ip': address },
    body: new URLSearchParams(fields),
  });
const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;
const codeIn = (html: string) => /data-testid="one-time-code">([A-Z0-9-]+)</.exec(html)?.[1];
/** The row of a user in the list: from their row's start to its end. */
const rowOf = (html: string, id: string) => new RegExp(`<tr data-user="${id}">[\\s\\S]*?</tr>`).exec(html)?.[0];

const person = (id: string, fields: Record<string, string> = {}) => ({ lang: 'zh-CN', id, name: '钱调解员', role: 'mediator', jurisdictionCode: 'XH-LY', department: '', ...fields });

/** A user made through the form, who has signed in with their code and set their password. */
async function userWithPassword(id: string, password: string, address: string) {
  const made = await post('/admin/users', person(id));
  expect(made.status).toBe(201);
  const code = codeIn(await made.text())!;
  const first = await post('/login', { login: id, password: code }, '', address);
  expect(first.headers.get('location')).toBe('/account/password');
  expect((await post('/account/password', { password, repeat: password }, cookieOf(first), address)).status).toBe(303);
}

describe('the admin’s user pages', () => {
  it('answer a grid worker and a supervisor with a friendly 403 page', async () => {
    for (const id of ['demo-grid-ly', 'demo-supervisor-xh']) {
      const cookie = await sessionCookieOf(stack, id);
      for (const path of ['/admin', '/admin/users', '/admin/users/new', '/admin/users/demo-grid-ly']) {
        const response = await page(path, cookie);
        expect(response.status, `${id} ${path}`).toBe(403);
        expect(await response.text()).toContain('这个页面供管理员使用');
      }
      expect((await post('/admin/users', person('made-by-someone-else'), cookie)).status).toBe(403);
    }
  });

  it('create a user whose one-time code, shown once, signs in at /login and leads to setting a password; the list shows them', async () => {
    const home = await (await page('/admin')).text();
    expect(home).not.toContain('此页面正在建设中');
    expect(home).toContain('href="/admin/users">管理用户</a>');

    const form = await (await page('/admin/users/new')).text();
    expect(form).toContain('<option value="XH-LY">');
    expect(form).toContain('灵隐派出所（XH-LY）');

    const made = await post('/admin/users', person('mediator-page-qian'));
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const shown = await made.text();
    expect(shown).toContain('已创建用户 钱调解员（mediator-page-qian）');
    expect(shown).toMatch(/登录码在 \d{4}-\d\d-\d\d \d\d:\d\d 前有效/);
    const code = codeIn(shown);
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const listed = await (await page('/admin/users?q=钱调解')).text();
    expect(rowOf(listed, 'mediator-page-qian')).toContain('尚未设置密码');
    expect(rowOf(listed, 'demo-grid-ly')).toBeUndefined();
    expect(rowOf(await (await page('/admin/users?role=mediator&state=noPassword&jurisdiction=XH-LY')).text(), 'mediator-page-qian')).toBeDefined();
    expect(rowOf(await (await page('/admin/users?state=active')).text(), 'mediator-page-qian')).toBeUndefined();
    // The user's own page does not show the code again.
    expect(codeIn(await (await page('/admin/users/mediator-page-qian')).text())).toBeUndefined();

    const signedIn = await post('/login', { login: 'mediator-page-qian', password: code! }, '', '198.51.100.21');
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/account/password');
    const saved = await post('/account/password', { password: '钱调解员的登录密码', repeat: '钱调解员的登录密码' }, cookieOf(signedIn), '198.51.100.21');
    expect(saved.headers.get('location')).toBe('/queue');
    expect(rowOf(await (await page('/admin/users?q=mediator-page-qian')).text(), 'mediator-page-qian')).toContain('正常');
  });

  it('say in Chinese, beside each field, what is wrong with a new user, and keep what was typed', async () => {
    const wrong = await post('/admin/users', person('grid-page-li', { name: '李网格员', role: 'mediator', jurisdictionCode: 'HZ-ELSEWHERE', department: 'market' }));
    expect(wrong.status).toBe(422);
    const html = await wrong.text();
    expect(html).toContain('data-testid="error-summary"');
    expect(html).toContain('所属辖区不存在或不在您的辖区内');
    expect(html).toContain('只有部门联络员才填写部门');
    expect(html).toContain('value="grid-page-li"');
    expect(html).toContain('value="李网格员"');
    expect(html).toMatch(/<option value="market" selected="">/);

    const unchosen = await (await post('/admin/users', person('grid-page-li', { role: '' }))).text();
    expect(unchosen).toContain('请选择角色');
    const taken = await post('/admin/users', person('demo-grid-ly'));
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('用户名已被使用，请换一个');
  });

  it('unlock a user locked by wrong passwords, who then signs in with their password again', async () => {
    const password = '孙调解员的登录密码';
    await userWithPassword('mediator-page-sun', password, '198.51.100.22');
    let last: Response | undefined;
    for (let failures = 0; failures < 10; failures += 1) {
      await sleep(waitAfterFailures(failures, firstWaitMs) + 50);
      last = await post('/login', { login: 'mediator-page-sun', password: `guess ${failures}` }, '', `203.0.113.${failures + 100}`);
    }
    expect(last!.status).toBe(403);

    expect(rowOf(await (await page('/admin/users?state=locked')).text(), 'mediator-page-sun')).toContain('已锁定');
    const locked = await (await page('/admin/users/mediator-page-sun')).text();
    expect(locked).toContain('连续 10 次输错密码');
    const unlocked = await post('/admin/users/mediator-page-sun/unlock', { lang: 'zh-CN' });
    expect(unlocked.status).toBe(303);
    expect(unlocked.headers.get('location')).toBe('/admin/users/mediator-page-sun?done=unlocked');
    const after = await (await page('/admin/users/mediator-page-sun?done=unlocked')).text();
    expect(after).toContain('已解锁：本人可以再用密码登录。');
    expect(after).not.toContain('解锁账户');
    expect((await post('/login', { login: 'mediator-page-sun', password }, '', '198.51.100.23')).headers.get('location')).toBe('/queue');
  });

  it('edit, disable and reset a user, and refuse what an admin may not do to their own account', async () => {
    await post('/admin/users', person('liaison-page-zhou', { name: '周联络员' }));
    const noDepartment = await post('/admin/users/liaison-page-zhou', { lang: 'zh-CN', name: '周联络员', role: 'department', jurisdictionCode: 'XH-LY', department: '' });
    expect(noDepartment.status).toBe(422);
    expect(await noDepartment.text()).toContain('部门联络员须填写部门');
    const edited = await post('/admin/users/liaison-page-zhou', { lang: 'zh-CN', name: '周联络员', role: 'department', jurisdictionCode: 'XH-LY', department: 'market' });
    expect(edited.headers.get('location')).toBe('/admin/users/liaison-page-zhou?done=saved');
    expect(await (await page('/admin/users/liaison-page-zhou')).text()).toContain('部门联络员 · 市场监管');

    expect((await post('/admin/users/liaison-page-zhou/disable', { lang: 'zh-CN' })).headers.get('location')).toBe('/admin/users/liaison-page-zhou?done=disabled');
    expect(rowOf(await (await page('/admin/users?state=disabled')).text(), 'liaison-page-zhou')).toContain('已停用');
    await post('/admin/users/liaison-page-zhou/enable', { lang: 'zh-CN' });
    const reset = await post('/admin/users/liaison-page-zhou/one-time-code', { lang: 'zh-CN' });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('cache-control')).toBe('no-store');
    const code = codeIn(await reset.text());
    expect((await post('/login', { login: 'liaison-page-zhou', password: code! }, '', '198.51.100.24')).headers.get('location')).toBe('/account/password');

    const own = await post('/admin/users/demo-admin/disable', { lang: 'zh-CN' });
    expect(own.status).toBe(409);
    expect(await own.text()).toContain('您不能停用自己的账户');
    expect((await page('/admin/users/nobody-here')).status).toBe(404);
    expect(await (await page('/admin/users/liaison-page-zhou?lang=en')).text()).toContain('Sign-in and password');
  });
});
