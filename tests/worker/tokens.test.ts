import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Stack } from '../../scripts/stack';
import { apiTokens } from '../../db/schema';
import { inlineParams, queryBuilder } from '../support/d1';
import { apiAs, edgeOnlyStack, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * Personal access tokens on the edge in workerd with a real local D1: made on the page or by an admin, shown once,
 * listed with their last use, refused the moment they are revoked or past their end.
 */
let stack: Stack;
let admin: ReturnType<typeof apiAs>;

beforeAll(async () => {
  ({ stack } = await edgeOnlyStack());
  admin = apiAs(stack, tokenOf(stack, 'demo-admin'));
});
afterAll(async () => stack?.stop());

const json = async (response: Response) => (await response.json()) as any;
const pageForm = (cookie: string, path: string, fields: Record<string, string>) =>
  fetch(`${stack.edgeUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl, cookie },
    body: new URLSearchParams(fields),
  });
const page = (cookie: string, path: string) => fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', headers: { cookie } });
const status = async (token: string) => (await apiAs(stack, token)('/api/notifications')).status;
const issuedOn = (html: string) => /data-testid="issued-token"[^>]*>\s*([^<\s]+)\s*</.exec(html)?.[1];

describe('a token made on one’s own page', () => {
  it('is shown once, works at once, shows its last use, and stops the moment it is revoked', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-mediator-ly');
    const made = await pageForm(cookie, '/account/tokens', { name: '调解台账同步', expiresInDays: '30' });
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const html = await made.text();
    const token = issuedOn(html)!;
    expect(token).toMatch(/^fqt_[A-Za-z0-9_-]{32}$/);
    expect(html).toContain('请现在复制保存');

    const listedBefore = await (await page(cookie, '/account/tokens')).text();
    expect(listedBefore).toContain('调解台账同步');
    expect(listedBefore).toContain('从未使用');
    expect(listedBefore).not.toContain(token);

    expect(await status(token)).toBe(200);
    const mine = (await json(await apiAs(stack, token)('/api/tokens'))) as Record<string, unknown>[];
    const entry = mine.find((each) => each.name === '调解台账同步')!;
    expect(entry).toMatchObject({ state: 'active', createdBy: 'demo-mediator-ly', revokedAt: null });
    expect(Date.parse(entry.expiresAt as string) - Date.now()).toBeGreaterThan(29.9 * 24 * 3600_000);
    expect(JSON.stringify(mine)).not.toContain(token);
    expect(Object.keys(entry)).not.toContain('tokenHash');
    // The last use is written after the answer: the next read sees it.
    await expect.poll(async () => (await page(cookie, '/account/tokens').then((r) => r.text())).includes('从未使用'), { timeout: 5_000 }).toBe(false);

    const revoked = await pageForm(cookie, `/account/tokens/${entry.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(await status(token)).toBe(401);
    const signIn = await fetch(`${stack.edgeUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl, 'cf-connecting-ip': '10.9.0.1' },
      body: new URLSearchParams({ token }),
    });
    expect(signIn.status).toBe(401);
    expect(await (await page(cookie, '/account/tokens')).text()).toContain('已撤销');
  });

  it('keeps what was typed and says why in Chinese when the purpose is left empty', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-grid-ly');
    const refused = await pageForm(cookie, '/account/tokens', { name: '   ', expiresInDays: '180' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toMatch(/class="field-error"[^>]*>[^<]*名称/);
    expect(html).toMatch(/<option value="180" selected/);
  });

  it('is not made by another token: a leaked token cannot mint one that outlives it', async () => {
    const grid = apiAs(stack, tokenOf(stack, 'demo-grid-ly'));
    expect((await grid('/api/tokens', { method: 'POST', body: JSON.stringify({ name: '自签', expiresInDays: 365 }) })).status).not.toBe(201);
    const byForm = await grid('/account/tokens', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl }, body: 'name=%E8%87%AA%E7%AD%BE&expiresInDays=365' });
    expect(byForm.status).toBe(403);
    expect(await byForm.text()).toContain('不能用令牌代办');
  });
});

describe('a token an admin makes for an integration', () => {
  it('signs in as the user, shows who made it, and is revoked by the admin at once; others’ tokens are not theirs to revoke', async () => {
    const issued = await admin('/api/users/demo-supervisor-ly/tokens', { method: 'POST', body: JSON.stringify({ name: '大屏数据', expiresInDays: 7 }) });
    expect(issued.status).toBe(201);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const { token, id } = await json(issued);
    expect(await status(token)).toBe(200);

    const cookie = await sessionCookieOf(stack, 'demo-supervisor-ly');
    expect(await (await page(cookie, '/account/tokens')).text()).toContain('由 demo-admin 创建');

    const grid = apiAs(stack, tokenOf(stack, 'demo-grid-ly'));
    expect((await grid(`/api/tokens/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect(await status(token)).toBe(200);

    const revoked = await admin(`/api/users/demo-supervisor-ly/tokens/${id}`, { method: 'DELETE' });
    expect(await json(revoked)).toMatchObject({ id, state: 'revoked', revokedAt: expect.any(String) });
    expect(await status(token)).toBe(401);
    expect((await admin(`/api/users/demo-supervisor-ly/tokens/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await admin('/api/users/demo-supervisor-ly/tokens/tk-none', { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a lifetime outside the offered ones, naming the field', async () => {
    const refused = await admin('/api/users/demo-supervisor-ly/tokens', { method: 'POST', body: JSON.stringify({ name: '永久', expiresInDays: 10_000 }) });
    expect(refused.status).toBe(422);
    expect((await json(refused)).fields).toEqual([{ field: 'expiresInDays', code: 'tokenLifetime', message: '有效期（天）只能选 7、30、90、180 或 365 天' }]);
  });

  it('answers 401 once its end has passed, and the list says it expired', async () => {
    // A token whose end passed a second ago, written as the edge writes one: no request can make it in a test's time.
    const token = 'fqt_expired-in-the-test-000000000000';
    const tokenHash = createHash('sha256').update(token).digest('hex');
    const expired = { id: 'tk-expired', userId: 'demo-dept-market', createdBy: 'demo-admin', name: '已到期', tokenHash, expiresAt: new Date(Date.now() - 1000).toISOString() };
    const { sql, params } = queryBuilder().insert(apiTokens).values(expired).toSQL();
    await stack.executeSql('expired-token', [`${inlineParams(sql, params)};`]);
    expect(await status(token)).toBe(401);
    const listed = (await json(await admin('/api/users/demo-dept-market/tokens'))) as { id: string; state: string }[];
    expect(listed.find((each) => each.id === 'tk-expired')?.state).toBe('expired');
  });

  it('is made and revoked on the user’s admin page as well, shown there once', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-admin');
    const made = await pageForm(cookie, '/admin/users/demo-grid-bs/tokens', { name: '网格通对接', expiresInDays: '90' });
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const token = issuedOn(await made.text())!;
    expect(await status(token)).toBe(200);
    const userPage = await (await page(cookie, '/admin/users/demo-grid-bs')).text();
    expect(userPage).toContain('网格通对接');
    expect(userPage).not.toContain(token);
    const id = /data-token-id="([^"]+)"/.exec(userPage)![1]!;
    const revoked = await pageForm(cookie, `/admin/users/demo-grid-bs/tokens/${id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/admin/users/demo-grid-bs?done=tokenRevoked#tokens');
    expect(await status(token)).toBe(401);
    const after = await (await page(cookie, revoked.headers.get('location')!)).text();
    expect(after).toContain('令牌已撤销，使用它的程序已无法调用接口');
    expect(after).toMatch(/data-token-id="[^"]+"[^]*?已撤销/);
    expect((await pageForm(cookie, '/admin/users/demo-grid-bs/tokens', { name: '', expiresInDays: '90' })).status).toBe(422);
  });
});
