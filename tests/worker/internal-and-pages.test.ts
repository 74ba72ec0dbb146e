import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { postReport, workflowReport } from '../support/reports';
import { apiAs, edgeOnlyStack, freshIntake, tokenOf } from '../support/stack';

let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
});
afterAll(async () => stack?.stop());

async function fileGridCase() {
  const response = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(freshIntake('grid')) });
  return (await response.json()) as { id: string; deadlines: { firstContact: string } };
}

/** A report as the workflow sends it: a clock's warning or breach, and the case as it stands after it. */
function event(seq: number, type: string, dueAt: string, overrides: { breachedAt?: string; clock?: string } = {}) {
  const at = new Date().toISOString();
  const clock = overrides.clock ?? 'firstContact';
  return workflowReport(seq, {
    type,
    detail: { clock, dueAt },
    notify: 'assignee',
    at,
    projection: {
      overdue: Boolean(overrides.breachedAt),
      clocks: [{ clock: clock as 'firstContact', startedAt: at, dueAt, warnedAt: null, breachedAt: overrides.breachedAt ?? null, stoppedAt: null, pausedAt: null }],
    },
    progress: { triageReasons: [`as of report ${seq}`] },
  });
}

const report = (caseId: string, event: object, secret = 'test-internal-secret') => postReport(stack.edgeUrl, caseId, event, secret);

describe('the workflow’s reports to /internal', () => {
  it('marks the case overdue once, however often the same report is retried', async () => {
    const filed = await fileGridCase();
    const breachedAt = new Date().toISOString();
    const breach = event(2, 'clock_breached', filed.deadlines.firstContact, { breachedAt });
    expect(await (await report(filed.id, breach)).json()).toEqual({ outcome: 'applied' });
    expect(await (await report(filed.id, breach)).json()).toEqual({ outcome: 'duplicate' });
    // An older report arriving late adds its timeline row but does not turn the picture back.
    expect(await (await report(filed.id, event(1, 'clock_warning', filed.deadlines.firstContact))).json()).toEqual({ outcome: 'applied' });
    const view = (await (await gridWorker(`/api/cases/${filed.id}`)).json()) as Record<string, any>;
    expect(view.overdue).toBe(true);
    expect(view.clocks[0]).toMatchObject({ clock: 'firstContact', breachedAt });
    expect(view.timeline.filter((e: { type: string }) => e.type === 'clock_breached')).toHaveLength(1);
    expect(view.process.triageReasons).toEqual(['as of report 2']);

    // The station's overdue list shows it, longest overdue first; another station's does not.
    const supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
    const overdueList = (await (await supervisor('/api/cases?overdue=1')).json()) as { rows: { id: string; overdueSince: string }[] };
    expect(overdueList.rows.find((row) => row.id === filed.id)).toMatchObject({ overdueSince: breachedAt });
    const elsewhere = (await (await apiAs(stack, tokenOf(stack, 'demo-grid-bs'))('/api/cases?overdue=1')).json()) as { rows: { id: string }[] };
    expect(elsewhere.rows.map((row) => row.id)).not.toContain(filed.id);
    expect((await supervisor('/api/cases?limit=many')).status).toBe(422);

    // Nobody holds the case yet, so its station's command room hears of the breach; the grid worker does not.
    const station = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
    const inbox = (await (await station('/api/notifications?unread=1')).json()) as { id: number; caseId: string; kind: string }[];
    const mine = inbox.filter((n) => n.caseId === filed.id);
    expect(mine.map((n) => n.kind)).toEqual(['clock_warning', 'clock_breached']);
    expect(await (await gridWorker('/api/notifications')).json()).toEqual([]);
    expect((await station(`/api/notifications/${mine[0]!.id}/read`, { method: 'POST' })).status).toBe(204);
    expect((await station(`/api/notifications/${mine[0]!.id}/read`, { method: 'POST' })).status).toBe(404);
  });

  it('tells the mediator holding a case of a repeat report as well as the station', async () => {
    const filed = await fileGridCase();
    const at = new Date().toISOString();
    const held = { assigneeId: 'demo-mediator-ly', order: 'accepted' as const };
    const repeat = workflowReport(1, {
      type: 'repeat_reported',
      notify: 'station',
      detail: { id: `repeat-${Date.now()}`, channel: 'grid', at, summary: '对方又在楼道堆放杂物', reportedBy: 'demo-grid-ly', riskFlags: [] },
      projection: held,
    });
    expect(await (await report(filed.id, repeat)).json()).toEqual({ outcome: 'applied' });
    const inboxOf = async (id: string) => (await (await apiAs(stack, tokenOf(stack, id))('/api/notifications')).json()) as { caseId: string; kind: string }[];
    for (const reader of ['demo-mediator-ly', 'demo-supervisor-ly']) {
      expect((await inboxOf(reader)).filter((notice) => notice.caseId === filed.id && notice.kind === 'repeat_reported'), reader).toHaveLength(1);
    }
  });

  it('keeps a deadline that reaches a year without a holiday notice marked provisional, in the API and on the case page', async () => {
    const filed = await fileGridCase();
    const at = new Date().toISOString();
    const dueAt = '2027-01-08T16:00:00.000Z';
    const planned = workflowReport(1, {
      at,
      projection: { clocks: [{ clock: 'resolve', startedAt: at, dueAt, warnedAt: null, breachedAt: null, stoppedAt: null, pausedAt: null, provisional: true }] },
    });
    expect(await (await report(filed.id, planned)).json()).toEqual({ outcome: 'applied' });
    const view = (await (await gridWorker(`/api/cases/${filed.id}`)).json()) as { clocks: { clock: string; provisional: boolean }[] };
    expect(view.clocks.find((clock) => clock.clock === 'resolve')).toMatchObject({ provisional: true });
    const login = await fetch(`${stack.edgeUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl },
      body: new URLSearchParams({ token: tokenOf(stack, 'demo-supervisor-ly') }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const html = await (await fetch(`${stack.edgeUrl}/cases/${filed.id}`, { headers: { cookie, 'accept-language': 'zh-CN' } })).text();
    const resolve = /<li[^>]*data-clock="resolve"[\s\S]*?<\/li>/.exec(html)?.[0];
    expect(resolve).toContain('2027-01-08 24:00');
    expect(resolve).toContain('暂定：跨入尚未公布放假安排的年份');
  });

  it('refuses an unsigned or wrongly signed report, and a report on a case that does not exist', async () => {
    const filed = await fileGridCase();
    const warning = event(1, 'clock_warning', filed.deadlines.firstContact);
    const unsigned = await fetch(`${stack.edgeUrl}/internal/cases/${filed.id}/events`, { method: 'POST', body: JSON.stringify(warning) });
    expect(unsigned.status).toBe(401);
    expect((await report(filed.id, warning, 'guessed-secret')).status).toBe(401);
    expect((await report('00000000-0000-4000-8000-000000000000', warning)).status).toBe(404);
    expect((await report(filed.id, { ...warning, seq: 0 })).status).toBe(422);
  });
});

describe('the intake form', () => {
  const signIn = async (token: string) => {
    const response = await fetch(`${stack.edgeUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl },
      body: new URLSearchParams({ token, next: '/intake/community' }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/intake/community');
    const cookie = response.headers.get('set-cookie')!;
    // Out of scripts' reach and not sent along with another site's requests; `Secure` is added when served over https.
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    return cookie.split(';')[0]!;
  };

  const postForm = (cookie: string, fields: Record<string, string>) =>
    fetch(`${stack.edgeUrl}/intake/community`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: stack.edgeUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });

  const goodForm = {
    lang: 'zh-CN',
    idempotencyKey: `form-${Date.now()}`,
    category: 'neighbour',
    summary: '邻居空调外机噪音扰民，多次协商未果',
    'where.address': '灵隐社区 5 幢 2 单元',
    'where.gridCellCode': 'XH-LY-BLQ-02',
    'parties.0.name': '周某',
    'parties.0.role': 'applicant',
    'source.kind': 'visit',
    'source.reference': '入户走访 11-23',
  };

  it('sends a visitor without a session to sign in, and back', async () => {
    const response = await fetch(`${stack.edgeUrl}/intake/grid?lang=en`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Fintake%2Fgrid%3Flang%3Den');
  });

  it('renders the channel’s own fields in Chinese first, English on request', async () => {
    const cookie = await signIn(tokenOf(stack, 'demo-grid-ly'));
    const zh = await (await fetch(`${stack.edgeUrl}/intake/community`, { headers: { cookie } })).text();
    expect(zh).toContain('日常社区工作排查');
    expect(zh).toContain('name="source.reference"');
    expect(zh).toContain('name="idempotencyKey"');
    const en = await (await fetch(`${stack.edgeUrl}/intake/community?lang=en`, { headers: { cookie } })).text();
    expect(en).toContain('Visit or patrol record');
  });

  it('shows the form again with the values kept and a message per field when something is wrong', async () => {
    const cookie = await signIn(tokenOf(stack, 'demo-grid-ly'));
    const response = await postForm(cookie, { ...goodForm, summary: '太短', 'source.reference': '' });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('纠纷简要情况至少需要 10 个字');
    expect(page).toContain('请填写走访或巡逻记录');
    expect(page).toContain('value="灵隐社区 5 幢 2 单元"');
  });

  it('asks for a choice where a drop-down was left alone, and marks the empty party’s own fields', async () => {
    const cookie = await signIn(tokenOf(stack, 'demo-grid-ly'));
    const { category: _, 'parties.0.name': __, 'parties.0.role': ___, ...rest } = goodForm;
    const response = await postForm(cookie, { ...rest, category: '', 'parties.0.name': '', 'parties.0.role': '' });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('请选择纠纷类别');
    expect(page).not.toContain('请填写纠纷类别');
    expect(page).toMatch(/id="f-parties\.0\.name"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-parties\.0\.name"/);
    expect(page).toContain('请填写姓名');
    expect(page).toContain('请选择身份');
  });

  it('files the case and shows a receipt with its number; resubmitting the same form files nothing new', async () => {
    const cookie = await signIn(tokenOf(stack, 'demo-grid-ly'));
    const first = await postForm(cookie, goodForm);
    expect(first.status).toBe(303);
    const receiptUrl = first.headers.get('location')!;
    expect(receiptUrl).toMatch(/^\/cases\/[0-9a-f-]{36}\/receipt\?lang=zh-CN&filed=1$/);
    const receipt = await (await fetch(`${stack.edgeUrl}${receiptUrl}`, { headers: { cookie } })).text();
    expect(receipt).toMatch(/XH-LY-\d{8}-\d{4}/);
    expect(receipt).toContain('首次联系当事人期限');
    expect(receipt).toContain('已登记为新案件');
    expect(receipt).toContain('尚未派给调解员');

    const again = await postForm(cookie, goodForm);
    expect(again.headers.get('location')).toBe(receiptUrl);
  });

  it('keeps the filer’s receipt up with the case: who handles it, by which route, and how it ended', async () => {
    const cookie = await signIn(tokenOf(stack, 'demo-grid-ly'));
    const filed = await postForm(cookie, {
      ...goodForm,
      idempotencyKey: `receipt-${Date.now()}`,
      summary: '两户因共用楼道堆放杂物多次争吵',
      'where.address': '灵隐社区 9 幢 1 单元',
      'parties.0.name': '郑某',
    });
    const receiptUrl = filed.headers.get('location')!;
    const caseId = receiptUrl.split('/')[2]!;
    const read = async (url: string) => (await fetch(`${stack.edgeUrl}${url}`, { headers: { cookie } })).text();

    const dispatched = { status: 'open' as const, order: 'dispatched' as const, assigneeId: 'demo-mediator-ly' };
    expect((await postReport(stack.edgeUrl, caseId, workflowReport(1, { type: 'step:assign', detail: { mediatorId: 'demo-mediator-ly', mediatorName: '赵调解员' }, projection: dispatched }), 'test-internal-secret')).status).toBe(200);
    const handled = await read(receiptUrl);
    expect(handled).toContain('赵调解员');
    expect(handled).toContain('基层组织化解');
    // Once a mediator holds it, the page after filing no longer calls it new; a later visit never did.
    expect(handled).not.toContain('已登记为新案件');

    const resolved = { ...dispatched, status: 'resolved' as const, order: 'resolved' as const, outcome: 'agreement' as const };
    expect((await postReport(stack.edgeUrl, caseId, workflowReport(2, { type: 'resolved', detail: { route: 'grassroots' }, projection: resolved }), 'test-internal-secret')).status).toBe(200);
    const ended = await read(`/cases/${caseId}/receipt`);
    expect(ended).toContain('已化解，待回访');
    expect(ended).toContain('达成协议');
    expect(ended).not.toContain('已登记为新案件');
  });

  it('refuses a form posted from another site', async () => {
    const cookie = await signIn(tokenOf(stack, 'demo-grid-ly'));
    const response = await fetch(`${stack.edgeUrl}/intake/community`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: 'https://elsewhere.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(goodForm),
    });
    expect(response.status).toBe(403);
  });
});

describe('the pages', () => {
  const signInAs = async (id: string) => {
    const response = await fetch(`${stack.edgeUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl },
      body: new URLSearchParams({ token: tokenOf(stack, id) }),
    });
    return { home: response.headers.get('location'), cookie: response.headers.get('set-cookie')!.split(';')[0]! };
  };
  const page = (cookie: string, path: string, init: RequestInit = {}) =>
    fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', ...init, headers: { cookie, 'accept-language': 'zh-CN', ...(init.headers as Record<string, string>) } });
  const formPost = (cookie: string, path: string, fields: Record<string, string>, origin = stack.edgeUrl) =>
    page(cookie, path, { method: 'POST', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

  it.each([
    ['demo-grid-ly', '/intake', '王网格员 · 网格员 · 白乐桥村'],
    ['demo-mediator-ly', '/queue', '赵调解员 · 调解员 · 灵隐派出所'],
    ['demo-dept-market', '/tasks', '灵隐市场监管所联络员 · 部门联络员 · 市场监管（负责灵隐派出所）'],
    ['demo-supervisor-ly', '/board', '灵隐所指挥室 · 指挥室 · 灵隐派出所'],
    ['demo-admin', '/admin', '系统管理员 · 管理员 · 西湖分局'],
  ])('signs %s in to their own home, %s, whose header names them', async (id, home, header) => {
    const session = await signInAs(id);
    expect(session.home).toBe(home);
    const html = await (await page(session.cookie, home)).text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(header);
    expect(html).toMatch(/<form method="post" action="\/logout">/);
    // The stylesheet arrives as CSS, not as HTML-escaped text the browser drops.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(style).toContain('"PingFang SC"');
    expect(style).not.toContain('&quot;');
  });

  it('answers an unknown page with a 404 page in Chinese, and an unknown API path with JSON', async () => {
    const { cookie } = await signInAs('demo-grid-ly');
    const missing = await page(cookie, '/no-such-page');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
    expect(await missing.text()).toContain('找不到该页面');
    const api = await fetch(`${stack.edgeUrl}/api/no-such-thing`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: string }).error).toBe('not_found');
  });

  it('keeps English once switched, by a cookie, on the next page', async () => {
    const { cookie } = await signInAs('demo-grid-ly');
    const switched = await page(cookie, '/filings?lang=en');
    const langCookie = switched.headers.get('set-cookie')!.split(';')[0]!;
    expect(langCookie).toBe('fq_lang=en');
    expect(await switched.text()).toContain('My filings');
    expect(await (await page(`${cookie}; ${langCookie}`, '/intake')).text()).toContain('How was this dispute found?');
  });

  it('refuses a sign-out or a form posted from another site with a 403 page, and a page a role does not use', async () => {
    const { cookie } = await signInAs('demo-grid-ly');
    const logout = await formPost(cookie, '/logout', {}, 'https://elsewhere.example');
    expect(logout.status).toBe(403);
    const forged = await logout.text();
    expect(forged).toContain('无法完成该操作');
    expect(forged).toContain('这份表单不是从本系统的页面提交的');
    // Still signed in: the forged sign-out did nothing.
    expect((await page(cookie, '/filings')).status).toBe(200);
    const department = await signInAs('demo-dept-market');
    const refused = await page(department.cookie, '/intake/grid');
    expect(refused.status).toBe(403);
    const refusedText = await refused.text();
    expect(refusedText).toContain('这个页面供网格员、调解员、指挥室、管理员使用');
    // A page merely looked at is never blamed on a form.
    expect(refusedText).not.toContain('表单');
  });

  it('has an icon, so a browser tab shows one and no log fills with 404s', async () => {
    const icon = await fetch(`${stack.edgeUrl}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg /);
    const { cookie } = await signInAs('demo-grid-ly');
    expect(await (await page(cookie, '/intake')).text()).toContain('<link rel="icon" href="/favicon.ico" type="image/svg+xml"/>');
  });

  const gridForm = {
    lang: 'zh-CN',
    category: 'neighbour',
    summary: '邻居装修噪音扰民，多次协商未果',
    'where.address': '白乐桥村 8 号',
    'where.gridCellCode': 'XH-LY-BLQ-01',
    'parties.rows': '2',
    'parties.0.name': '周某',
    'parties.0.role': 'applicant',
    'parties.1.name': '吴某',
    'parties.1.role': 'respondent',
  };

  it('adds and removes a party row by a plain post, with every value kept and nothing filed', async () => {
    const { cookie } = await signInAs('demo-grid-ly');
    const added = await formPost(cookie, '/intake/grid', { ...gridForm, rowAction: 'add:parties' });
    expect(added.status).toBe(200);
    const withThree = await added.text();
    expect(withThree).toContain('name="parties.2.name"');
    expect(withThree).toContain('value="吴某"');
    expect(withThree).toContain('value="3"');
    const removed = await (await formPost(cookie, '/intake/grid', { ...gridForm, rowAction: 'remove:parties:0' })).text();
    expect(removed).not.toContain('name="parties.1.name"');
    expect(removed).toMatch(/name="parties\.0\.name"[^>]*value="吴某"/);
  });

  it('gives the grid cell outside the jurisdiction in the same round as the format errors', async () => {
    const { cookie } = await signInAs('demo-grid-ly');
    const response = await formPost(cookie, '/intake/grid', { ...gridForm, summary: '太短', 'where.gridCellCode': 'XH-BS-SG-01', 'parties.0.phone': 'abc' });
    expect(response.status).toBe(422);
    const html = await response.text();
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)![0];
    expect([...summary.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((link) => [link[1], link[2]])).toEqual([
      ['f-summary', '纠纷简要情况至少需要 10 个字'],
      ['f-where.gridCellCode', '该网格不在您的辖区内'],
      ['f-parties.0.phone', '联系电话格式不正确'],
    ]);
  });

  it('files a form sent with an Idempotency-Key header once, however often it is resent, and takes the screener from the session', async () => {
    const { cookie } = await signInAs('demo-grid-ly');
    const key = `draft-${Date.now()}`;
    const fields = { ...gridForm, 'where.address': `白乐桥村 9 号 ${key}`, 'source.screenedBy': '别人' };
    const send = () => page(cookie, '/intake/grid', { method: 'POST', headers: { origin: stack.edgeUrl, 'idempotency-key': key, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
    const first = await send();
    expect(first.status).toBe(303);
    expect((await send()).headers.get('location')).toBe(first.headers.get('location'));
    const caseId = /\/cases\/([0-9a-f-]{36})\//.exec(first.headers.get('location')!)![1]!;
    const view = (await (await gridWorker(`/api/cases/${caseId}`)).json()) as { source: { screenedBy: string } };
    expect(view.source.screenedBy).toBe('王网格员');
    const filings = await (await page(cookie, '/filings')).text();
    expect(filings.split(`白乐桥村 9 号 ${key}`).length - 1).toBe(1);
  });
});
