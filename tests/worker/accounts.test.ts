import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitAfterFailures } from '../../domain/sign-in-backoff';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, tokenOf } from '../support/stack';

/**
 * People sign in with a password through the pages, on the edge in workerd with a real local D1: sessions end after
 * 4 s idle or 10 s in all, and the first wait after three wrong passwords is 200 ms, so a test sees each end.
 */
const firstWaitMs = 200;
let stack: Stack;
let admin: ReturnType<typeof apiAs>;
const answers: string[] = [];
/** Each new user's bearer token, made for them by the admin. */
const tokens = new Map<string, string>();

beforeAll(async () => {
  ({ stack } = await edgeOnlyStack(undefined, { sessionSeconds: { idle: 4, max: 10 }, signInFirstWaitMs: firstWaitMs }));
  admin = apiAs(stack, tokenOf(stack, 'demo-admin'));
});
afterAll(async () => stack?.stop());

/** Each test signs in from an address of its own, so one test's wrong passwords do not throttle another's. */
const form = async (address: string, path: string, fields: Record<string, string>, cookie?: string) => {
  const response = await fetch(`${stack.edgeUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl, 'cf-connecting-ip': address, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  });
  answers.push(await response.clone().text(), JSON.stringify([...response.headers]));
  return response;
};
const page = (path: string, cookie: string) => fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', headers: { cookie } });
const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;
const json = async (response: Response) => (await response.json()) as Record<string, any>;

async function newMediatorWithCode(id: string) {
  const made = await admin('/api/users', { method: 'POST', body: JSON.stringify({ id, name: '孙调解员', role: 'mediator', jurisdictionCode: 'XH-LY' }) });
  expect(made.status).toBe(201);
  const issuedToken = await admin(`/api/users/${id}/tokens`, { method: 'POST', body: JSON.stringify({ name: '测试', expiresInDays: 7 }) });
  tokens.set(id, (await json(issuedToken)).token as string);
  const issued = await admin(`/api/users/${id}/one-time-code`, { method: 'POST' });
  expect(issued.status).toBe(200);
  expect(issued.headers.get('cache-control')).toBe('no-store');
  const body = await json(issued);
  answers.push(JSON.stringify(body));
  expect(body).toMatchObject({ id, passwordSet: false, lockedAt: null });
  expect(body.oneTimeCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  return body.oneTimeCode as string;
}

/** A mediator who has set their password through the pages. */
async function mediatorWithPassword(id: string, address: string, password: string) {
  const code = await newMediatorWithCode(id);
  const first = await form(address, '/login', { login: id, password: code });
  expect((await form(address, '/account/password', { password, repeat: password }, cookieOf(first))).status).toBe(303);
  return password;
}

describe('accounts with passwords', () => {
  it('a new mediator signs in once with the admin’s one-time code, must set a password, and then signs in with it', async () => {
    const address = '198.51.100.1';
    const code = await newMediatorWithCode('mediator-sun');

    const first = await form(address, '/login', { login: 'mediator-sun', password: code.toLowerCase().replaceAll('-', ' ') });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/account/password');
    const cookie = cookieOf(first);
    // Until a password is set, every page leads back to setting it.
    expect((await page('/queue', cookie)).headers.get('location')).toBe('/account/password');
    const form1 = await (await page('/account/password', cookie)).text();
    expect(form1).toContain('这是您第一次登录');
    expect(form1).not.toContain('当前密码');
    // The code signs in once.
    expect((await form(address, '/login', { login: 'mediator-sun', password: code })).status).toBe(401);

    const short = await form(address, '/account/password', { password: '孙调解员', repeat: '孙调解员' }, cookie);
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('新密码至少需要 8 个字符');
    const own = await form(address, '/account/password', { password: 'Mediator-Sun', repeat: 'Mediator-Sun' }, cookie);
    expect(await own.text()).toContain('不能是您的用户名');
    const mismatch = await form(address, '/account/password', { password: '灵隐调解 2026', repeat: '灵隐调解 2025' }, cookie);
    expect(await mismatch.text()).toContain('两次输入的新密码不一致');

    const saved = await form(address, '/account/password', { password: '灵隐调解 2026', repeat: '灵隐调解 2026' }, cookie);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/queue');
    expect((await page('/queue', cookie)).status).toBe(200);

    const wrong = await form(address, '/login', { login: 'mediator-sun', password: '灵隐调解 2025' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('用户名或密码不正确');
    const again = await form(address, '/login', { login: 'mediator-sun', password: '灵隐调解 2026', next: '/queue' });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/queue');
    expect((await json(await admin('/api/users'))).find((user: { id: string }) => user.id === 'mediator-sun')).toMatchObject({ passwordSet: true, failedSignIns: 0 });
  });

  it('wrong passwords wait longer and longer, the tenth locks the account, and the admin unlocks it', async () => {
    const address = '198.51.100.2';
    const password = await mediatorWithPassword('mediator-qian', address, '钱调解员的登录密码');
    const program = apiAs(stack, tokens.get('mediator-qian'));
    expect((await program('/api/notifications')).status).toBe(200);
    for (let failures = 0; failures < 3; failures += 1) expect((await form(address, '/login', { login: 'mediator-qian', password: 'guess' })).status).toBe(401);
    let last: Response | undefined;
    for (let failures = 3; failures < 10; failures += 1) {
      if (failures === 6) {
        // Asked again at once after the sixth, it waits, right password or not: the password is not even tried.
        const waiting = await form(`${address}0`, '/login', { login: 'mediator-qian', password });
        expect(waiting.status).toBe(429);
        expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(await waiting.text()).toContain('秒后再试');
      }
      await sleep(waitAfterFailures(failures, firstWaitMs) + 100);
      // From an address of its own each time: the per-address limit counts ten, and this is about the account's.
      last = await form(`203.0.113.${failures}`, '/login', { login: 'mediator-qian', password: `guess ${failures}` });
      expect(last.status, `wrong password ${failures + 1}`).toBe(failures === 9 ? 403 : 401);
    }
    expect(await last!.text()).toContain('账户已锁定');
    expect((await form('203.0.113.50', '/login', { login: 'mediator-qian', password })).status).toBe(403);
    const locked = (await json(await admin('/api/users'))).find((user: { id: string }) => user.id === 'mediator-qian');
    expect(locked).toMatchObject({ failedSignIns: 10 });
    expect(locked.lockedAt).toEqual(expect.any(String));

    // Locked is locked every way in: the account's token stops too.
    expect((await program('/api/notifications')).status).toBe(401);

    const unlocked = await admin('/api/users/mediator-qian/unlock', { method: 'POST' });
    expect(await json(unlocked)).toMatchObject({ lockedAt: null, failedSignIns: 0 });
    expect((await form('203.0.113.51', '/login', { login: 'mediator-qian', password })).status).toBe(303);
    expect((await program('/api/notifications')).status).toBe(200);
  });

  it('wrong passwords sent all at once are tried one at a time: the rest wait their turn', async () => {
    const password = await mediatorWithPassword('mediator-wu', '198.51.100.5', '吴调解员的登录密码');
    const burst = await Promise.all(Array.from({ length: 6 }, (_, at) => form(`192.0.2.${at}`, '/login', { login: 'mediator-wu', password: `guess ${at}` })));
    const statuses = burst.map((response) => response.status);
    const tried = statuses.filter((status) => status === 401).length;
    expect(statuses.filter((status) => status === 429).length).toBe(6 - tried);
    expect(tried).toBeLessThan(6);
    const listed = (await json(await admin('/api/users'))).find((user: { id: string }) => user.id === 'mediator-wu');
    // Each try that was checked was counted, and no other.
    expect(listed.failedSignIns).toBe(tried);
    await sleep(waitAfterFailures(tried, firstWaitMs) + 100);
    expect((await form('192.0.2.99', '/login', { login: 'mediator-wu', password })).status).toBe(303);
  });

  it('a session ends when idle, and at its absolute end however busy it is', async () => {
    const address = '198.51.100.3';
    const password = await mediatorWithPassword('mediator-li', address, '李调解员的登录密码');
    const idle = cookieOf(await form(address, '/login', { login: 'mediator-li', password }));
    const busy = cookieOf(await form(address, '/login', { login: 'mediator-li', password }));
    expect((await page('/queue', idle)).status).toBe(200);
    const begun = Date.now();
    // The busy one is used every second; the idle one is left alone for longer than its 4 s.
    while (Date.now() - begun < 6_000) {
      expect((await page('/queue', busy)).status).toBe(200);
      await sleep(1_000);
    }
    expect((await page('/queue', idle)).headers.get('location')).toMatch(/^\/login/);
    expect((await page('/queue', busy)).status).toBe(200);
    await sleep(Math.max(0, begun + 10_500 - Date.now()));
    expect((await page('/queue', busy)).headers.get('location')).toMatch(/^\/login/);
  });

  it('signing out ends the session on the server, a new password ends the others, and “everywhere” ends them all', async () => {
    const address = '198.51.100.4';
    const password = await mediatorWithPassword('mediator-zhou', address, '周调解员的登录密码');
    const signIn = async () => cookieOf(await form(address, '/login', { login: 'mediator-zhou', password: current }));
    let current = password;
    const phone = await signIn();
    const desk = await signIn();
    await form(address, '/logout', {}, phone);
    // The cookie, kept and sent again, no longer signs anyone in.
    expect((await page('/queue', phone)).headers.get('location')).toMatch(/^\/login/);
    expect((await page('/queue', desk)).status).toBe(200);

    const laptop = await signIn();
    const wrongCurrent = await form(address, '/account/password', { current: 'not it', password: '周调解员的新登录密码', repeat: '周调解员的新登录密码' }, desk);
    expect(await wrongCurrent.text()).toContain('当前密码不正确');
    const changed = await form(address, '/account/password', { current: password, password: '周调解员的新登录密码', repeat: '周调解员的新登录密码' }, desk);
    expect(changed.status).toBe(303);
    current = '周调解员的新登录密码';
    expect((await page('/queue', desk)).status).toBe(200);
    expect((await page('/queue', laptop)).headers.get('location')).toMatch(/^\/login/);

    const tablet = await signIn();
    await form(address, '/logout', { everywhere: '1' }, desk);
    expect((await page('/queue', desk)).headers.get('location')).toMatch(/^\/login/);
    expect((await page('/queue', tablet)).headers.get('location')).toMatch(/^\/login/);
  });

  it('no log line, and no answer but the admin’s one issuing it, carries a password or a one-time code', () => {
    const logs = readdirSync(join(stack.options.dataDir, 'logs'))
      .map((name) => readFileSync(join(stack.options.dataDir, 'logs', name), 'utf8'))
      .join('\n');
    const secrets = ['灵隐调解 2026', '钱调解员的登录密码', '李调解员的登录密码', '周调解员的新登录密码', '吴调解员的登录密码'];
    const codes = answers.flatMap((answer) => /"oneTimeCode":"([A-Z0-9-]+)"/.exec(answer)?.[1] ?? []);
    expect(codes.length).toBeGreaterThanOrEqual(4);
    const pages = answers.filter((answer) => !answer.includes('"oneTimeCode"'));
    for (const secret of [...secrets, ...codes]) {
      expect(logs).not.toContain(secret);
      for (const answer of pages) expect(answer).not.toContain(secret);
    }
  });
});
