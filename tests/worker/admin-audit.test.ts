import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * The audit an admin reads at /admin/audit: sign-ins and failed tries, the changes admins made, the case reads;
 * filters, pages and the CSV. Over plain HTTP as a browser without JavaScript sends them, on the edge in workerd
 * with a local D1. Sign-ins are recorded after the answer, so a test waits for them to land.
 */
let stack: Stack;
let admin: string;

beforeAll(async () => {
  ({ stack } = await edgeOnlyStack());
  admin = await sessionCookieOf(stack, 'demo-admin');
});
afterAll(async () => stack?.stop());

const page = (path: string, cookie = admin) => fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', headers: { cookie, 'accept-language': 'zh-CN' } });
const post = (path: string, fields: Record<string, string>, cookie = admin, address = '198.51.100.40') =>
  fetch(`${stack.edgeUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: stack.edgeUrl, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN', 'cf-connecting-ip': address },
    body: new URLSearchParams(fields),
  });
const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;
const codeIn = (html: string) => /data-testid="one-time-code">([A-Z0-9-]+)</.exec(html)?.[1];
const rowsOf = (html: string, attribute: string) => html.match(new RegExp(`<tr ${attribute}="[^"]*"[\\s\\S]*?</tr>`, 'g')) ?? [];

/** The page once `ready` holds of it: the deferred writes follow the answer by a moment. */
async function pageOnce(path: string, ready: (html: string) => boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const html = await (await page(path)).text();
    if (ready(html) || Date.now() > deadline) return html;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const password = 'Audit-Pass-9f3k2';
const wrongPassword = 'Wrong-Pass-77xq';
const person = 'audit-mediator-sun';

describe('the audit an admin reads', () => {
  let code: string;

  beforeAll(async () => {
    const made = await post('/admin/users', { lang: 'zh-CN', id: person, name: '孙调解员', role: 'mediator', jurisdictionCode: 'XH-LY', department: '' });
    expect(made.status).toBe(201);
    code = codeIn(await made.text())!;
    const first = await post('/login', { login: person, password: code }, '');
    expect(first.headers.get('location')).toBe('/account/password');
    expect((await post('/account/password', { password, repeat: password }, cookieOf(first))).status).toBe(303);
    expect((await post('/login', { login: person, password: wrongPassword }, '')).status).toBe(401);
    expect((await post('/login', { login: person, password }, '')).status).toBe(303);
    expect((await post('/login', { login: 'nobody-by-this-name', password: wrongPassword }, '', '198.51.100.41')).status).toBe(401);
  });

  it('is linked from /admin and answers a supervisor, its CSV and the API too, with 403', async () => {
    expect(await (await page('/admin')).text()).toContain('href="/admin/audit">审计记录</a>');
    const supervisor = await sessionCookieOf(stack, 'demo-supervisor-xh');
    for (const path of ['/admin/audit', '/admin/audit?tab=signIns', '/admin/audit.csv?tab=changes']) expect((await page(path, supervisor)).status, path).toBe(403);
    for (const path of ['/api/audit/sign-ins', '/api/audit/changes']) expect((await apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'))(path)).status, path).toBe(403);
  });

  it('shows a wrong password and a sign-in in Chinese, and never a password or a code', async () => {
    const html = await pageOnce(`/admin/audit?tab=signIns&user=${person}`, (text) => rowsOf(text, 'data-sign-in').length >= 3);
    const rows = rowsOf(html, 'data-sign-in');
    expect(rows.length).toBe(3);
    // Newest first: the sign-in, the wrong password, the one-time code.
    expect(rows[0]).toContain('登录成功');
    expect(rows[0]).toContain('孙调解员');
    expect(rows[0]).toContain('198.51.100.40');
    expect(rows[1]).toContain('密码错误');
    expect(rows[2]).toContain('一次性登录码');
    expect(rows.some((row) => row.includes('修改密码时核对原密码'))).toBe(false);
    for (const secret of [password, wrongPassword, code]) expect(html).not.toContain(secret);
  });

  it('shows a try at a name nobody has to the county’s admin as such', async () => {
    const html = await pageOnce('/admin/audit?tab=signIns&user=nobody-by-this-name', (text) => rowsOf(text, 'data-sign-in').length >= 1);
    const [row] = rowsOf(html, 'data-sign-in');
    expect(row).toContain('无此账户');
    expect(row).toContain('nobody-by-this-name');
  });

  it('filters by result and by period, and says what to fix when the period runs backwards', async () => {
    const signedIn = await (await page(`/admin/audit?tab=signIns&user=${person}&outcome=signedIn`)).text();
    expect(rowsOf(signedIn, 'data-sign-in').length).toBe(2);
    expect(signedIn).not.toMatch(/<strong>密码错误<\/strong>/);
    const wrong = await (await page(`/admin/audit?tab=signIns&user=${person}&outcome=wrongPassword`)).text();
    expect(rowsOf(wrong, 'data-sign-in').length).toBe(1);
    expect(rowsOf(await (await page(`/admin/audit?tab=signIns&user=${person}&from=2099-01-01`)).text(), 'data-sign-in')).toEqual([]);
    expect(rowsOf(await (await page(`/admin/audit?tab=signIns&user=${person}&to=2000-01-01`)).text(), 'data-sign-in')).toEqual([]);
    const backwards = await page('/admin/audit?tab=signIns&from=2026-02-01&to=2026-01-01');
    expect(backwards.status).toBe(422);
    expect(await backwards.text()).toContain('截止日期不能早于开始日期');
    expect((await page('/admin/audit?tab=changes&action=nothingLikeThis')).status).toBe(422);
  });

  it('shows a user created and disabled as changes by the admin, filtered by what was done', async () => {
    expect((await post(`/admin/users/${person}/disable`, { lang: 'zh-CN' })).status).toBe(303);
    const html = await (await page('/admin/audit?tab=changes&user=demo-admin')).text();
    const ours = rowsOf(html, 'data-change').filter((row) => row.includes(person));
    expect(ours.length).toBe(2);
    expect(ours[0]).toContain('停用账户');
    expect(ours[1]).toContain('新建用户');
    expect(ours[1]).toContain('孙调解员');
    expect(ours[1]).toContain('demo-admin');
    const disabled = await (await page('/admin/audit?tab=changes&action=userDisabled')).text();
    expect(rowsOf(disabled, 'data-change').every((row) => row.includes('停用账户'))).toBe(true);
    expect(disabled).not.toContain(code);
  });

  it('pages newest first, the older ones a link away', async () => {
    const first = await (await page(`/admin/audit?tab=signIns&user=${person}&limit=2`)).text();
    expect(rowsOf(first, 'data-sign-in').length).toBe(2);
    const older = /href="(\/admin\/audit\?[^"]*cursor=[^"]+)" rel="next"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    expect(older).toBeDefined();
    const second = await (await page(older!)).text();
    expect(rowsOf(second, 'data-sign-in').length).toBe(1);
    expect(second).toContain('回到最新');
  });

  it('downloads what the filters show as CSV with a BOM, so Excel reads the Chinese, without a password', async () => {
    const response = await page(`/admin/audit.csv?tab=signIns&user=${person}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-signIns-\d{4}-\d\d-\d\d\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n').filter(Boolean).length).toBe(4);
    expect(text).toContain('密码错误');
    expect(text).toContain('登录成功');
    for (const secret of [password, wrongPassword, code]) expect(text).not.toContain(secret);

    const changes = await (await page('/admin/audit.csv?tab=changes&action=userCreated')).text();
    expect(changes).toContain('新建用户');
    expect(changes).toContain(person);
  });

  it('answers the same through the API, its filters validated', async () => {
    const api = apiAs(stack, tokenOf(stack, 'demo-admin'));
    const signIns = await api(`/api/audit/sign-ins?user=${person}&outcome=wrongPassword`);
    expect(signIns.status).toBe(200);
    const body = (await signIns.json()) as { rows: { outcome: string; login: string; way: string }[] };
    expect(body.rows).toEqual([expect.objectContaining({ outcome: 'wrongPassword', login: person, way: 'password' })]);
    const changes = (await (await api('/api/audit/changes?action=userDisabled')).json()) as { rows: { targetId: string; doneBy: string }[] };
    expect(changes.rows[0]).toEqual(expect.objectContaining({ targetId: person, doneBy: 'demo-admin' }));
    expect((await api('/api/audit/sign-ins?from=2026-13-01')).status).toBe(422);
    expect((await api('/api/audit/changes?cursor=bm90LW91cnM')).status).toBe(422);
  });
});
