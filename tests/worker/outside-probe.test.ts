import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseViewSchema } from '../../schemas/case-view';
import { stepExamples, type StepName } from '../../schemas/steps';
import type { Stack } from '../../scripts/stack';
import { fileCase, newMarker, newPhone, project } from '../support/case-lists';
import { apiAs, edgeOnlyStack, freshIntake, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * What an outside probe of the running system found, each kept as a test: who may act and read where, where a
 * sign-in may lead, the headers every answer carries, the text a filing may hold, the largest filing the document
 * allows. The edge in workerd with its local D1; Temporal stays unreachable, so a step the permission table lets
 * through answers 503 (its workflow cannot be asked), one it refuses 403, and a case the caller may not read 404.
 */
let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;
const as = (id: string) => apiAs(stack, tokenOf(stack, id));
const otherMediator = 'mediator-ly-sun';
let otherMediatorApi: ReturnType<typeof apiAs>;

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
  const created = await as('demo-admin')('/api/users', {
    method: 'POST',
    body: JSON.stringify({ id: otherMediator, name: '孙调解员', role: 'mediator', jurisdictionCode: 'XH-LY' }),
  });
  expect(created.status).toBe(201);
  const issued = await as('demo-admin')(`/api/users/${otherMediator}/tokens`, { method: 'POST', body: JSON.stringify({ name: '探测', expiresInDays: 7 }) });
  otherMediatorApi = apiAs(stack, ((await issued.json()) as { token: string }).token);
});
afterAll(async () => stack?.stop());

const pageAs = (cookie: string, path: string, init: RequestInit = {}) =>
  fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', ...init, headers: { cookie, origin: stack.edgeUrl, ...(init.headers as Record<string, string>) } });

type Kind = 'undispatched' | 'dispatchedToMe' | 'acceptedByMe' | 'anotherMediators' | 'marketsPart' | 'anotherStation';

/** A hard case (a threat of violence) in one of the states the probe found holes in, each with a phone of its own. */
async function caseThat(kind: Kind) {
  const phone = newPhone();
  const marker = newMarker();
  const beishan = kind === 'anotherStation';
  const filed = await fileCase(beishan ? as('demo-grid-bs') : gridWorker, marker, (intake) => {
    intake.parties[0].phone = phone;
    if (beishan) intake.where.gridCellCode = 'XH-BS-SG-01';
  });
  const holder = {
    undispatched: { order: 'awaiting_dispatch', assigneeId: null },
    dispatchedToMe: { order: 'dispatched', assigneeId: 'demo-mediator-ly' },
    acceptedByMe: { order: 'accepted', assigneeId: 'demo-mediator-ly' },
    anotherMediators: { order: 'accepted', assigneeId: otherMediator },
    marketsPart: { order: 'accepted', assigneeId: 'demo-mediator-ly' },
    anotherStation: { order: 'accepted', assigneeId: null },
  }[kind] as { order: 'awaiting_dispatch' | 'dispatched' | 'accepted'; assigneeId: string | null };
  const joint = kind === 'marketsPart';
  await project(stack, filed.id, 1, { ...holder, hardCase: true, riskFlags: ['violence'], ...(joint ? { route: 'joint' } : {}) }, joint ? { market: 'pending', police: 'pending' } : {});
  return { ...filed, phone, marker };
}

const step = (api: ReturnType<typeof apiAs>, caseId: string, name: StepName, body: object = stepExamples[name]) =>
  api(`/api/cases/${caseId}/steps/${name}`, { method: 'POST', body: JSON.stringify(body) });

describe('steps: one permission table for every act', () => {
  let cases: Record<Kind, Awaited<ReturnType<typeof caseThat>>>;
  beforeAll(async () => {
    const kinds: Kind[] = ['undispatched', 'dispatchedToMe', 'acceptedByMe', 'anotherMediators', 'marketsPart', 'anotherStation'];
    cases = Object.fromEntries(await Promise.all(kinds.map(async (kind) => [kind, await caseThat(kind)] as const))) as typeof cases;
  });

  it('refuses a mediator every step and exit on a hard case not yet dispatched, saying a supervisor dispatches it', async () => {
    const mediator = as('demo-mediator-ly');
    for (const name of ['exit', 'accept', 'record-contact', 'pause'] as const) {
      const body = name === 'exit' ? { kind: 'withdrawn', reason: 'x' } : stepExamples[name];
      const answer = await step(mediator, cases.undispatched.id, name, body);
      expect(answer.status, name).toBe(403);
      // The words for a person, the code and its values for a program.
      expect(await answer.json()).toEqual({
        error: 'forbidden',
        message: 'The case has not been dispatched to you: a supervisor dispatches it first.',
        code: 'notDispatchedToYou',
        params: {},
      });
    }
    // The case is as it was: nobody holds it, nothing was recorded.
    const after = (await (await as('demo-supervisor-ly')(`/api/cases/${cases.undispatched.id}`)).json()) as { assigneeId: string | null; order: string; timeline: unknown[] };
    expect(after).toMatchObject({ assigneeId: null, order: 'awaiting_dispatch' });
  });

  it('lets the mediator a case was dispatched to accept it first, then work it; another mediator neither', async () => {
    const mediator = as('demo-mediator-ly');
    expect((await step(mediator, cases.dispatchedToMe.id, 'accept')).status).toBe(503);
    const early = await step(mediator, cases.dispatchedToMe.id, 'record-contact');
    expect(early.status).toBe(403);
    expect(((await early.json()) as { message: string }).message).toBe('Accept the case before you work it.');
    for (const name of ['record-contact', 'schedule-session', 'exit', 'pause'] as const) expect((await step(mediator, cases.acceptedByMe.id, name)).status, name).toBe(503);
    for (const name of ['accept', 'record-contact', 'exit'] as const) {
      const answer = await step(otherMediatorApi, cases.acceptedByMe.id, name);
      expect(answer.status, name).toBe(403);
      expect(await answer.json()).toMatchObject({ message: 'Only the assigned mediator (赵调解员) may step this case.', code: 'assigneeOnly', params: { name: '赵调解员' } });
    }
  });

  it('lets a supervisor dispatch, exit and pause, but not take a mediator’s step, whoever holds the case', async () => {
    const supervisor = as('demo-supervisor-ly');
    expect((await step(supervisor, cases.undispatched.id, 'assign', { mediatorId: 'demo-mediator-ly' })).status).toBe(503);
    expect((await step(supervisor, cases.undispatched.id, 'exit')).status).toBe(503);
    expect((await step(supervisor, cases.acceptedByMe.id, 'pause')).status).toBe(503);
    for (const [kind, name] of [
      ['undispatched', 'record-contact'],
      ['dispatchedToMe', 'accept'],
      ['acceptedByMe', 'record-session'],
      ['acceptedByMe', 'record-agreement'],
    ] as const) {
      const answer = await step(supervisor, cases[kind].id, name);
      expect(answer.status, `${kind} ${name}`).toBe(403);
      expect(((await answer.json()) as { message: string }).message).toMatch(/^A supervisor does not take the mediator’s steps/);
    }
  });

  it('lets a supervisor record a mediator’s step on behalf of the mediator holding the case, and nobody else', async () => {
    const supervisor = as('demo-supervisor-ly');
    const onBehalf = (api: ReturnType<typeof apiAs>, kind: Kind, name: StepName, flag = '1') =>
      api(`/api/cases/${cases[kind].id}/steps/${name}?onBehalfOfAssignee=${flag}`, { method: 'POST', body: JSON.stringify(stepExamples[name]) });
    expect((await onBehalf(supervisor, 'acceptedByMe', 'record-contact')).status).toBe(503);
    expect((await onBehalf(supervisor, 'dispatchedToMe', 'accept')).status).toBe(503);
    // Nobody holds the case, or the holder has not accepted it: there is nobody to stand in for yet.
    expect((await onBehalf(supervisor, 'undispatched', 'record-contact')).status).toBe(403);
    expect((await onBehalf(supervisor, 'dispatchedToMe', 'record-contact')).status).toBe(403);
    const mediator = await onBehalf(as('demo-mediator-ly'), 'acceptedByMe', 'record-contact');
    expect(mediator.status).toBe(403);
    expect(((await mediator.json()) as { message: string }).message).toBe('Only a supervisor records a mediator’s step on behalf of the assigned mediator.');
    expect((await onBehalf(supervisor, 'acceptedByMe', 'record-contact', 'yes')).status).toBe(422);
  });

  it('lets a department’s liaison report only on a case whose route names the department; any other case is missing', async () => {
    const liaison = as('demo-dept-market');
    expect((await step(liaison, cases.marketsPart.id, 'record-department-report')).status).toBe(503);
    for (const kind of ['undispatched', 'acceptedByMe', 'anotherStation'] as const) {
      expect((await step(liaison, cases[kind].id, 'record-department-report')).status, kind).toBe(404);
    }
    expect((await step(liaison, cases.marketsPart.id, 'record-contact')).status).toBe(403);
  });

  it('answers another station’s case as missing to every role and step', async () => {
    for (const user of ['demo-grid-ly', 'demo-mediator-ly', 'demo-supervisor-ly', 'demo-dept-market']) {
      for (const name of ['accept', 'record-contact', 'exit', 'assign'] as const) expect((await step(as(user), cases.anotherStation.id, name)).status, `${user} ${name}`).toBe(404);
    }
  });

  it('refuses a supervisor’s accept posted from the case page, saying who accepts, in Chinese', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-supervisor-ly');
    const posted = await pageAs(cookie, `/cases/${cases.dispatchedToMe.id}/steps/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lang: 'zh-CN' }),
    });
    expect(posted.status).toBe(403);
    expect(await posted.text()).toContain('指挥室不代替调解员办理这一步骤');
  });

  describe('reads: each reads what they need, and every read of a whole case is recorded', () => {
    const read = async (user: string, kind: Kind) => {
      const answer = await as(user)(`/api/cases/${cases[kind].id}`);
      if (answer.status !== 200) return answer.status;
      const view = v.parse(caseViewSchema, await answer.json());
      return view.parties[0]!.phone === cases[kind].phone ? 'whole' : view.parties[0]!.phone?.includes('****') ? 'masked' : view.parties[0]!.phone;
    };

    it.each([
      ['demo-grid-ly', { undispatched: 'masked', dispatchedToMe: 'masked', acceptedByMe: 'masked', anotherMediators: 'masked', marketsPart: 'masked', anotherStation: 404 }],
      ['demo-mediator-ly', { undispatched: 'masked', dispatchedToMe: 'whole', acceptedByMe: 'whole', anotherMediators: 'masked', marketsPart: 'whole', anotherStation: 404 }],
      ['demo-supervisor-ly', { undispatched: 'whole', dispatchedToMe: 'whole', acceptedByMe: 'whole', anotherMediators: 'whole', marketsPart: 'whole', anotherStation: 404 }],
      ['demo-dept-market', { undispatched: 404, dispatchedToMe: 404, acceptedByMe: 404, anotherMediators: 404, marketsPart: 'masked', anotherStation: 404 }],
    ] as const)('%s reads each kind of case as the table says', async (user, expected) => {
      const seen = Object.fromEntries(await Promise.all((Object.keys(expected) as Kind[]).map(async (kind) => [kind, await read(user, kind)] as const)));
      expect(seen).toEqual(expected);
    });

    it.each([
      ['demo-mediator-ly', '/cases/{id}', { undispatched: 200, dispatchedToMe: 200, acceptedByMe: 200, anotherMediators: 200, marketsPart: 200, anotherStation: 404 }],
      ['demo-supervisor-ly', '/cases/{id}', { undispatched: 200, dispatchedToMe: 200, acceptedByMe: 200, anotherMediators: 200, marketsPart: 200, anotherStation: 404 }],
      ['demo-dept-market', '/cases/{id}', { undispatched: 404, dispatchedToMe: 404, acceptedByMe: 404, anotherMediators: 404, marketsPart: 200, anotherStation: 404 }],
      ['demo-grid-ly', '/cases/{id}/receipt', { undispatched: 200, dispatchedToMe: 200, acceptedByMe: 200, anotherMediators: 200, marketsPart: 200, anotherStation: 404 }],
      ['demo-dept-market', '/cases/{id}/receipt', { undispatched: 404, dispatchedToMe: 404, acceptedByMe: 404, anotherMediators: 404, marketsPart: 200, anotherStation: 404 }],
    ] as const)('%s opens %s of each kind of case as the table says', async (user, path, expected) => {
      const cookie = await sessionCookieOf(stack, user);
      const seen: Record<string, number> = {};
      for (const kind of Object.keys(expected) as Kind[]) {
        const answer = await pageAs(cookie, path.replace('{id}', cases[kind].id));
        seen[kind] = answer.status;
        await answer.body?.cancel();
      }
      expect(seen).toEqual(expected);
    });

    it('lists a liaison only the cases of their department, in the list and the ledger alike', async () => {
      const liaison = as('demo-dept-market');
      for (const kind of ['undispatched', 'marketsPart'] as const) {
        const rows = ((await (await liaison(`/api/cases?q=${cases[kind].marker}&status=all`)).json()) as { rows: { id: string }[] }).rows;
        expect(rows.map((row) => row.id), kind).toEqual(kind === 'marketsPart' ? [cases.marketsPart.id] : []);
      }
      const ledger = await (await liaison('/api/cases?status=all&limit=500&format=csv')).text();
      expect(ledger).toContain(cases.marketsPart.caseNumber);
      expect(ledger).not.toContain(cases.undispatched.caseNumber);
    });

    it('shows a mediator’s list whole numbers only on the cases dispatched to them', async () => {
      const rowOf = async (kind: Kind) =>
        ((await (await as('demo-mediator-ly')(`/api/cases?q=${cases[kind].marker}&status=all`)).json()) as { rows: { parties: { phone: string }[] }[] }).rows[0]!;
      expect((await rowOf('acceptedByMe')).parties[0]!.phone).toBe(cases.acceptedByMe.phone);
      expect((await rowOf('anotherMediators')).parties[0]!.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    });

    it('records the reads of a grid worker, a mediator and a liaison for the admin, as a supervisor’s', async () => {
      for (const user of ['demo-grid-ly', 'demo-mediator-ly', 'demo-dept-market']) expect((await as(user)(`/api/cases/${cases.marketsPart.id}`)).status).toBe(200);
      const deadline = Date.now() + 10_000;
      let readers: string[] = [];
      while (Date.now() < deadline) {
        const page = (await (await as('demo-admin')('/api/audit/case-reads?limit=200')).json()) as { rows: { caseId: string; readerId: string }[] };
        readers = page.rows.filter((row) => row.caseId === cases.marketsPart.id).map((row) => row.readerId);
        if (['demo-grid-ly', 'demo-mediator-ly', 'demo-dept-market'].every((user) => readers.includes(user))) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(readers).toEqual(expect.arrayContaining(['demo-grid-ly', 'demo-mediator-ly', 'demo-dept-market']));
    });
  });
});

describe('pages a role has no business on', () => {
  it.each([
    ['demo-dept-market', '/queue'],
    ['demo-dept-market', '/filings'],
    ['demo-mediator-ly', '/tasks'],
    ['demo-grid-ly', '/queue'],
  ])('%s opening %s gets a 403 page that names whom it is for', async (user, path) => {
    const answer = await pageAs(await sessionCookieOf(stack, user), path);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('这个页面供');
  });

  it('still serves each role its own home', async () => {
    for (const [user, path] of [
      ['demo-dept-market', '/tasks'],
      ['demo-mediator-ly', '/queue'],
      ['demo-mediator-ly', '/filings'],
      ['demo-grid-ly', '/filings'],
    ]) {
      const answer = await pageAs(await sessionCookieOf(stack, user!), path!);
      expect(answer.status, `${user} ${path}`).toBe(200);
      await answer.body?.cancel();
    }
  });
});

describe('where a sign-in may lead', () => {
  const signInWith = (next: string) =>
    fetch(`${stack.edgeUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl },
      body: new URLSearchParams({ token: tokenOf(stack, 'demo-mediator-ly'), next }),
    });

  it.each(['/\\evil.example/x', '/\t/evil.example/y', '//evil.example/z', '/\\/evil.example', '/%5Cevil.example', 'https://evil.example/', '/queue\r\nSet-Cookie:x=1', ' /queue', '/\n/evil.example'])(
    'goes home, never elsewhere and never a 500, after next=%j',
    async (next) => {
      const answer = await signInWith(next);
      expect(answer.status).toBe(303);
      const location = answer.headers.get('location')!;
      expect(new URL(location, stack.edgeUrl).origin).toBe(new URL(stack.edgeUrl).origin);
      expect(location.startsWith('/') && !location.startsWith('//') && !location.includes('\\')).toBe(true);
      expect(answer.headers.getSetCookie().filter((cookie) => cookie.startsWith('x='))).toEqual([]);
    },
  );

  it('goes on to the app’s own page it was asked for, with its query', async () => {
    const answer = await signInWith('/board?overdue=1');
    expect(answer.headers.get('location')).toBe('/board?overdue=1');
  });

  it('carries no such next in the sign-in form', async () => {
    const page = await fetch(`${stack.edgeUrl}/login?next=%2F%5Cevil.example%2Fx`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toMatch(/<input[^>]*name="next"/);
    const own = await (await fetch(`${stack.edgeUrl}/login?next=%2Fqueue`)).text();
    expect(own).toMatch(/<input[^>]*name="next"[^>]*value="\/queue"/);
  });
});

describe('headers on every answer', () => {
  const expectGuarded = (answer: Response, what: string) => {
    const policy = answer.headers.get('content-security-policy') ?? '';
    expect(policy, what).toContain("frame-ancestors 'none'");
    expect(policy, what).toContain("default-src 'none'");
    expect(answer.headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(answer.headers.get('x-frame-options'), what).toBe('DENY');
    expect(answer.headers.get('referrer-policy'), what).toBe('same-origin');
    expect(answer.headers.get('cache-control'), what).toContain('no-store');
    // Served over plain HTTP here: HSTS would be meaningless, and is left off.
    expect(answer.headers.get('strict-transport-security'), what).toBeNull();
  };

  it('guards every page, download, JSON answer and error', async () => {
    const supervisor = await sessionCookieOf(stack, 'demo-supervisor-ly');
    const filed = await fileCase(gridWorker, newMarker());
    for (const path of ['/login', '/board', '/dashboard', `/cases/${filed.id}`, '/board.csv', '/no-such-page']) {
      const answer = await pageAs(supervisor, path);
      expectGuarded(answer, path);
      await answer.body?.cancel();
    }
    for (const path of [`/api/cases/${filed.id}`, '/api/cases?format=csv', '/api/cases?format=xlsx', '/api/openapi.json', '/api/nothing-here', '/healthz']) {
      const answer = await as('demo-supervisor-ly')(path);
      expectGuarded(answer, path);
      await answer.body?.cancel();
    }
  });

  it('lets a page run its own stylesheet and script by their hashes, and nothing inline besides', async () => {
    const answer = await pageAs(await sessionCookieOf(stack, 'demo-grid-ly'), '/intake/grid');
    const policy = answer.headers.get('content-security-policy')!;
    expect(policy).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toContain('unsafe-inline');
    const html = await answer.text();
    const { createHash } = await import('node:crypto');
    const inline = (tag: string) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`);
    for (const hash of [...inline('style'), ...inline('script')]) expect(policy).toContain(hash);
  });
});

describe('text is cleaned at the door', () => {
  const file = (change: (intake: Record<string, any>) => void) => {
    const intake = freshIntake('grid');
    change(intake);
    return gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(intake) });
  };
  const codesOf = async (answer: Response) => ((await answer.json()) as { fields: { field: string; code: string }[] }).fields.map((f) => `${f.field}:${f.code}`);

  it('refuses a direction override, NUL, ESC and BEL in what is filed, naming the field', async () => {
    for (const [field, text] of [
      ['name', '张\u202e某'],
      ['name', '张\u0000某'],
      ['summary', '楼下烧烤店油烟扰民\u001b[31m，双方多次争吵'],
      ['summary', '楼下烧烤店油烟扰民\u0007，双方多次争吵'],
    ]) {
      const answer = await file((intake) => (field === 'name' ? (intake.parties[0].name = text) : (intake.summary = text)));
      expect(answer.status, JSON.stringify(text)).toBe(422);
      expect(await codesOf(answer)).toContain(field === 'name' ? 'parties.0.name:textControl' : 'summary:textControl');
    }
  });

  it('counts a text of only invisible characters as empty', async () => {
    const answer = await file((intake) => {
      intake.parties[0].name = '\u200b\u200b\u200b';
      intake.where.address = ' \u200b\u2060 ';
    });
    expect(answer.status).toBe(422);
    expect(await codesOf(answer)).toEqual(expect.arrayContaining(['parties.0.name:min_length', 'where.address:min_length']));
  });

  it('stores a name in NFC with invisible ends cleared, so it reads and matches as typed elsewhere', async () => {
    const answer = await file((intake) => (intake.parties[0].name = '\u200bZoe\u0301 张'));
    expect(answer.status).toBe(201);
    expect(((await answer.json()) as { parties: { name: string }[] }).parties[0]!.name).toBe('Zoé 张');
  });

  it('counts a rare character beyond the Basic Multilingual Plane as one, as the document does', async () => {
    // 𠀀 is one character of CJK Extension B and two UTF-16 units: fifty of them are a name of fifty characters.
    const answer = await file((intake) => (intake.parties[0].name = '𠀀'.repeat(50)));
    expect(answer.status, await answer.clone().text()).toBe(201);
    const over = await file((intake) => (intake.parties[0].name = '𠀀'.repeat(51)));
    expect(await codesOf(over)).toContain('parties.0.name:max_length');
  });

  it('takes only http and https links from an online report', async () => {
    for (const link of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.cn/x']) {
      const intake = freshIntake('online');
      intake.source.link = link;
      const answer = await gridWorker('/api/intake/online', { method: 'POST', body: JSON.stringify(intake) });
      expect(answer.status, link).toBe(422);
      expect(await codesOf(answer)).toContain('source.link:link');
    }
  });
});

describe('batches are named, and read in the encoding Chinese Excel saves', () => {
  const csvOf = (subject: string) => `kind,assigneeId,subject\npopulation,demo-grid-ly,${subject}\n`;

  it.each(['.', '..', '...'])('refuses the batch ID %j', async (batchId) => {
    const answer = await as('demo-supervisor-ly')(`/api/batches?batchId=${encodeURIComponent(batchId)}`, { method: 'POST', body: csvOf('核查白乐桥村 30 号'), headers: { 'content-type': 'text/csv' } });
    expect(answer.status).toBe(422);
  });

  it('reads a GBK file as the Chinese it holds, and refuses bytes that are no text at all', async () => {
    // 核查白乐桥村 30 号, as GBK.
    const subject = Buffer.from([0xba, 0xcb, 0xb2, 0xe9, 0xb0, 0xd7, 0xc0, 0xd6, 0xc7, 0xc5, 0xb4, 0xe5, 0x20, 0x33, 0x30, 0x20, 0xba, 0xc5]);
    const body = Buffer.concat([Buffer.from('kind,assigneeId,subject\npopulation,demo-grid-ly,'), subject, Buffer.from('\n')]);
    const batchId = `gbk-${newMarker()}`;
    const answer = await as('demo-supervisor-ly')(`/api/batches?batchId=${batchId}`, { method: 'POST', body, headers: { 'content-type': 'text/csv' } });
    expect(answer.status, await answer.clone().text()).toBe(201);
    expect(JSON.stringify(await answer.json())).not.toContain('\ufffd');
    const read = (await (await as('demo-supervisor-ly')(`/api/batches/${batchId}`)).json()) as { lines: { subject?: string }[] };
    expect(JSON.stringify(read)).toContain('核查白乐桥村 30 号');

    const garbage = await as('demo-supervisor-ly')(`/api/batches?batchId=bin-${newMarker()}`, { method: 'POST', body: Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x0a, 0xff, 0xfe, 0xff, 0x80, 0x80]), headers: { 'content-type': 'text/csv' } });
    expect(garbage.status).toBe(422);
  });
});

describe('every size the document allows', () => {
  const longest = (length: number, from = '调解') => from.repeat(Math.ceil(length / from.length)).slice(0, length);

  it.each(['grid', 'community', 'online', 'enforcement'] as const)('files a %s intake of 20 parties, the longest texts and every risk flag', async (channel) => {
    const intake = freshIntake(channel);
    intake.summary = longest(2000, '楼下烧烤店油烟扰民');
    intake.where.address = `${longest(180, '白乐桥村')} ${newMarker()}`;
    intake.riskFlags = ['violence', 'group', 'vulnerable', 'petitioning'];
    intake.parties = Array.from({ length: 20 }, (_, index) => ({
      name: longest(50, `当事人${index}`),
      role: index === 0 ? 'applicant' : 'respondent',
      phone: newPhone(),
      address: longest(200, `住址${index}`),
    }));
    const answer = await gridWorker(`/api/intake/${channel}`, { method: 'POST', body: JSON.stringify(intake) });
    expect(answer.status, await answer.clone().text()).toBe(201);
    const view = v.parse(caseViewSchema, await answer.json());
    expect(view.parties).toHaveLength(20);
    expect(view.parties.map((party) => party.name)).toEqual(intake.parties.map((party: { name: string }) => party.name));
  });
});

describe('times come back as instants with their offset', () => {
  it('answers the local times a filing sent as instants (a step’s, in tests/workflows/routes.test.ts)', async () => {
    const intake = freshIntake('online');
    intake.source.seenAt = '2026-12-01T08:10';
    intake.occurredAt = '2026-11-30T21:00';
    const answer = await gridWorker('/api/intake/online', { method: 'POST', body: JSON.stringify(intake) });
    expect(answer.status).toBe(201);
    const filed = (await answer.json()) as { id: string; occurredAt: string; source: { seenAt: string } };
    // The county keeps +08:00: 08:10 there is 00:10 UTC.
    expect(filed.source.seenAt).toBe('2026-12-01T00:10:00.000Z');
    expect(filed.occurredAt).toBe('2026-11-30T13:00:00.000Z');
    const read = (await (await as('demo-supervisor-ly')(`/api/cases/${filed.id}`)).json()) as { source: { seenAt: string } };
    expect(read.source.seenAt).toBe('2026-12-01T00:10:00.000Z');
  });
});

describe('sign-in attempts are limited far below the API', () => {
  it('answers 429 with Retry-After once ten attempts from one address failed, even sent in parallel, and then refuses a right token too', async () => {
    const attempt = (token: string) =>
      fetch(`${stack.edgeUrl}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl },
        body: new URLSearchParams({ token }),
      });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, index) => attempt(`wrong-${index}`)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(20);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(await refused.text()).toContain('登录失败次数过多');
    // A right token now changes nothing: the guesser learns nothing from a hit.
    expect((await attempt(tokenOf(stack, 'demo-mediator-ly'))).status).toBe(429);
    // The API is another limit: the same address's tokens still work.
    expect((await as('demo-mediator-ly')('/api/cases?limit=1')).status).toBe(200);
  });
});
