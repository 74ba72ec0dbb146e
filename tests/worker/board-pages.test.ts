import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { clock, fileCase, newMarker, project } from '../support/case-lists';
import { apiAs, edgeOnlyStack, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * The supervisor's pages over plain HTTP, as a browser without JavaScript sends them: the roles they are for, the
 * ledger and figures for a session, a batch uploaded once however often its form is sent, forged posts refused.
 * Temporal is unreachable: a batch stays waiting to dispatch, which its page shows.
 */
let stack: Stack;

beforeAll(async () => {
  ({ stack } = await edgeOnlyStack());
});
afterAll(async () => stack?.stop());

const signInAs = (id: string) => sessionCookieOf(stack, id);
const page = (cookie: string, path: string, init: RequestInit = {}) =>
  fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', ...init, headers: { cookie, 'accept-language': 'zh-CN', ...(init.headers as Record<string, string>) } });

const batchForm = (batchId: string, csv: string) => {
  const form = new FormData();
  form.set('batchId', batchId);
  form.set('title', '第 48 周核查');
  form.set('feedbackWithin', 'P1D');
  form.set('csv', csv);
  form.set('file', new File([], ''));
  return form;
};

describe('the supervisor’s pages', () => {
  it('are refused to a grid worker with a friendly 403 page, and send a visitor to sign in', async () => {
    const cookie = await signInAs('demo-grid-ly');
    for (const path of ['/board', '/board.csv', '/board.xlsx', '/dashboard', '/dashboard.csv', '/batches']) {
      const response = await page(cookie, path);
      expect(response.status, path).toBe(403);
      expect(await response.text(), path).toContain('无法完成该操作');
    }
    const visitor = await fetch(`${stack.edgeUrl}/dashboard?from=2026-11-01`, { redirect: 'manual' });
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get('location')).toBe(`/login?next=${encodeURIComponent('/dashboard?from=2026-11-01')}`);
  });

  it('serve the ledger and the figures to a session, and answer a wrong query with its page saying why', async () => {
    const cookie = await signInAs('demo-supervisor-ly');
    const ledger = await page(cookie, '/board.csv?overdue=1&channel=&q=');
    expect(ledger.status).toBe(200);
    expect(ledger.headers.get('content-disposition')).toContain('fengqiao-ledger-XH-LY');
    const wrong = await page(cookie, '/board.csv?q=x');
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('搜索内容至少需要两个字或数字');
    const board = await page(cookie, '/board?q=x');
    expect(board.status).toBe(422);
    expect(await board.text()).toContain('搜索内容至少需要两个字或数字');
    const figures = await page(cookie, '/dashboard.csv?groupBy=mediator');
    expect(figures.status).toBe(200);
    expect(await figures.text()).toMatch(/^\uFEFF?调解员,排名,登记案件/);
    const period = await page(cookie, '/dashboard?from=2026-11-10&to=2026-11-01&month=2026-13');
    expect(period.status).toBe(422);
    const html = await period.text();
    expect(html).toContain('截止日期必须晚于开始日期');
    expect(html).toContain('排名月份必须是有效的月份（年-月）');
  });

  it('upload a batch from a plain form, preview it, and write it once however often the confirmation is sent; show each refused line with its reason', async () => {
    const cookie = await signInAs('demo-supervisor-ly');
    const batchId = `page-${Date.now().toString(36)}`;
    const csv = 'kind,assigneeId,subject\npopulation,demo-grid-ly,白乐桥村 12 号 出租房人口核查\nunknown,demo-grid-ly,灵隐路 5 号';
    const preview = await page(cookie, '/batches', { method: 'POST', headers: { origin: stack.edgeUrl }, body: batchForm(batchId, csv) });
    expect(preview.status).toBe(200);
    const supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
    expect((await supervisor(`/api/batches/${batchId}`)).status).toBe(404);
    const carried = /name="lines" value="([^"]*)"/.exec(await preview.text())![1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    const confirm = (lines: string) =>
      page(cookie, '/batches/confirm', { method: 'POST', headers: { origin: stack.edgeUrl }, body: new URLSearchParams({ lang: 'zh-CN', batchId, lines }) });
    const first = await confirm(carried);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/batches/${batchId}`);
    const again = await confirm(carried);
    expect(again.headers.get('location')).toBe(`/batches/${batchId}`);
    const view = (await (await supervisor(`/api/batches/${batchId}`)).json()) as { counts: { lines: number; accepted: number; rejected: number } };
    expect(view.counts).toMatchObject({ lines: 2, accepted: 1, rejected: 1 });

    const shown = await page(cookie, `/batches/${batchId}`);
    const html = await shown.text();
    expect(html).toContain('<meta http-equiv="refresh" content="5"/>');
    expect(html).toContain('第 3 行');
    expect(html).toContain('王网格员');

    // Other lines confirmed under the same ID are not the same batch: the form comes back with a fresh ID to send it under.
    const changed = await confirm(JSON.stringify([...JSON.parse(carried), { line: 4, fields: { kind: 'premises', assigneeId: 'demo-grid-ly', subject: '灵隐路 7 号' } }]));
    expect(changed.status).toBe(422);
    const form = await changed.text();
    expect(form).toContain('这张表单已经提交过另一份内容');
    expect(form).not.toContain(`value="${batchId}"`);
    // Lines that did not survive the trip are refused, not written as an empty batch.
    expect((await confirm('not json')).status).toBe(422);
  });

  it('refuse a batch posted from another site, and create nothing', async () => {
    const cookie = await signInAs('demo-supervisor-ly');
    const batchId = `forged-${Date.now().toString(36)}`;
    const forged = await page(cookie, '/batches', { method: 'POST', headers: { origin: 'https://elsewhere.example' }, body: batchForm(batchId, 'kind,assigneeId,subject\npopulation,demo-grid-ly,白乐桥村 1 号') });
    expect(forged.status).toBe(403);
    const forgedConfirm = await page(cookie, '/batches/confirm', {
      method: 'POST',
      headers: { origin: 'https://elsewhere.example' },
      body: new URLSearchParams({ batchId, lines: JSON.stringify([{ line: 2, fields: { kind: 'population', assigneeId: 'demo-grid-ly', subject: '白乐桥村 1 号' } }]) }),
    });
    expect(forgedConfirm.status).toBe(403);
    expect((await page(cookie, `/batches/${batchId}`)).status).toBe(404);
  });

  it('show a clock past its due time as breached, though the workflow’s report of the breach is not in yet', async () => {
    const marker = newMarker();
    const filed = await fileCase(apiAs(stack, tokenOf(stack, 'demo-grid-ly')), marker);
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    await project(stack, filed.id, 1, {
      clocks: [clock('firstContact', hoursAgo(4), { stoppedAt: hoursAgo(5) }), clock('resolve', hoursAgo(0.5), { warnedAt: hoursAgo(2) })],
    });
    const html = await (await page(await signInAs('demo-supervisor-ly'), `/board?q=${marker}`)).text();
    const row = html.match(new RegExp(`<tr[^>]*data-case-number="${filed.caseNumber}"[\\s\\S]*?</tr>`))?.[0] ?? '';
    expect(row).toContain('class="case-row breached"');
    const resolve = row.match(/<li data-clock="resolve"[\s\S]*?<\/li>/)?.[0] ?? '';
    expect(resolve).toContain('data-state="breached"');
    expect(resolve).toMatch(/✖ <\/span>已超期<\/span>.*已超期 (29|30) 分钟/);
    expect(resolve).not.toContain('临期');
  });

  it('are in the API document', async () => {
    const document = (await (await apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'))('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const path of ['/board', '/board.csv', '/board.xlsx', '/dashboard', '/dashboard.csv', '/batches', '/batches/{id}']) expect(document.paths[path]?.get, path).toBeDefined();
    expect(document.paths['/batches']!.post).toBeDefined();
  });
});
