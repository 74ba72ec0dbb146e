import { strFromU8, unzipSync } from 'fflate';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { signatureHeader, signRequest } from '../../schemas/internal-signature';
import { stepExamples, stepNames, stepPayloadSchemas } from '../../schemas/steps';
import { expectDocumentedCase } from '../support/case-answers';
import { fileCase, newMarker, newPhone, project } from '../support/case-lists';
import { workflowReport } from '../support/reports';
import { apiAs, edgeOnlyStack, freshIntake, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * The OWASP API Security Top 10 (2023) tried against the real edge: workerd, its local D1, Temporal unreachable.
 * Tried elsewhere and not again here: unsigned and wrongly signed /internal reports and a report retried with the
 * same sequence number (tests/worker/internal-and-pages.test.ts, "the workflow’s reports to /internal"); a changed
 * body or path and a signature replayed ten minutes later, on the signing itself (tests/unit/internal-signature.test.ts);
 * forms posted from another site and the session cookie's HttpOnly and SameSite, with Secure over https
 * (internal-and-pages, "the intake form" and "the pages"); a grid worker's and a department's list and CSV masking
 * phone and ID numbers (tests/worker/case-search.test.ts, "masking phone and ID numbers").
 */
let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;
const as = (id: string) => apiAs(stack, tokenOf(stack, id));
const noSuchCase = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
});
afterAll(async () => stack?.stop());

const signIn = (id: string) => sessionCookieOf(stack, id);

const pageAs = (cookie: string, path: string, init: RequestInit = {}) =>
  fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', ...init, headers: { cookie, origin: stack.edgeUrl, ...(init.headers as Record<string, string>) } });

const fileInBeishan = (marker: string) => fileCase(as('demo-grid-bs'), marker, (intake) => (intake.where.gridCellCode = 'XH-BS-SG-01'));

/** The text of every sheet of a workbook, to look for a case number in it. */
const workbookText = async (response: Response) =>
  Object.entries(unzipSync(new Uint8Array(await response.arrayBuffer())))
    .filter(([name]) => name.endsWith('.xml'))
    .map(([, bytes]) => strFromU8(bytes))
    .join('\n');

describe('another station’s case (API1: object level authorisation)', () => {
  const marker = newMarker();
  let beishan: { id: string; caseNumber: string };
  beforeAll(async () => {
    beishan = await fileInBeishan(marker);
  });

  it.each(['demo-grid-ly', 'demo-mediator-ly', 'demo-supervisor-ly', 'demo-dept-market'])('%s reads it as missing: 404, the same answer as for no case at all', async (user) => {
    const elsewhere = await as(user)(`/api/cases/${beishan.id}`);
    const missing = await as(user)(`/api/cases/${noSuchCase}`);
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toEqual(await missing.json());
  });

  it('cannot step it, or split a report out of it: 404 before Temporal is asked', async () => {
    for (const user of ['demo-mediator-ly', 'demo-supervisor-ly']) {
      for (const step of ['accept', 'record-contact', 'close'] as const) {
        const response = await as(user)(`/api/cases/${beishan.id}/steps/${step}`, { method: 'POST', body: JSON.stringify(stepExamples[step]) });
        expect(response.status, `${user} ${step}`).toBe(404);
      }
    }
    expect((await as('demo-supervisor-ly')(`/api/cases/${beishan.id}/repeats/1/split`, { method: 'POST' })).status).toBe(404);
  });

  it('finds it in no list and no ledger file of the other station; the county’s own list has it', async () => {
    const supervisor = as('demo-supervisor-ly');
    expect(((await (await supervisor(`/api/cases?q=${marker}&status=all`)).json()) as { rows: unknown[] }).rows).toEqual([]);
    expect(((await (await gridWorker(`/api/cases?q=${marker}&status=all`)).json()) as { rows: unknown[] }).rows).toEqual([]);
    expect(await (await supervisor(`/api/cases?status=all&limit=500&format=csv`)).text()).not.toContain(beishan.caseNumber);
    const workbook = await supervisor(`/api/cases?status=all&limit=500&format=xlsx`);
    expect(workbook.status).toBe(200);
    expect(await workbookText(workbook)).not.toContain(beishan.caseNumber);
    // The probe can fail: the same queries from the county find it.
    const county = as('demo-supervisor-xh');
    expect(((await (await county(`/api/cases?q=${marker}&status=all`)).json()) as { rows: { id: string }[] }).rows.map((row) => row.id)).toEqual([beishan.id]);
    expect(await workbookText(await county(`/api/cases?q=${marker}&status=all&format=xlsx`))).toContain(beishan.caseNumber);
  });

  it('counts none of its cases in the other station’s figures, and refuses naming it', async () => {
    const filed = async (user: string) => ((await (await as(user)('/api/stats')).json()) as { total: { filed: number } }).total.filed;
    const [station, county] = [await filed('demo-supervisor-ly'), await filed('demo-supervisor-xh')];
    await fileInBeishan(newMarker());
    expect(await filed('demo-supervisor-ly')).toBe(station);
    expect(await filed('demo-supervisor-xh')).toBe(county + 1);
    const named = await as('demo-supervisor-ly')('/api/stats?jurisdiction=XH-BS');
    const unknown = await as('demo-supervisor-ly')('/api/stats?jurisdiction=XH-NONE');
    expect(named.status).toBe(404);
    expect(await named.json()).toEqual(await unknown.json());
    expect(await (await as('demo-supervisor-ly')('/api/stats?groupBy=jurisdiction&format=csv')).text()).not.toContain('北山');
  });

  it('shows its page as missing and takes no step posted from it', async () => {
    const cookie = await signIn('demo-supervisor-ly');
    expect((await pageAs(cookie, `/cases/${beishan.id}`)).status).toBe(404);
    const posted = await pageAs(cookie, `/cases/${beishan.id}/steps/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lang: 'zh-CN' }),
    });
    expect(posted.status).toBe(404);
  });
});

/** Fields a caller does not set, sent along in every write to see that none is applied (API3: property level authorisation). */
const forged = {
  id: '11111111-1111-4111-8111-111111111111',
  caseNumber: 'XH-BS-20000101-9999',
  status: 'closed',
  jurisdictionCode: 'XH-BS',
  jurisdictionPath: '/XH/XH-BS/',
  filedBy: 'demo-admin',
  assigneeId: 'demo-mediator-ly',
  hardCase: true,
  overdue: true,
  escalationLevel: 3,
  outcome: 'resolved',
  role: 'admin',
  tokenHash: 'forged',
  passwordHash: 'forged',
  oneTimeCodeHash: 'forged',
  lockedAt: '2000-01-01T00:00:00.000Z',
  disabledAt: '2000-01-01T00:00:00.000Z',
  createdAt: '2000-01-01T00:00:00.000Z',
};

describe('mass assignment (API3): fields a caller does not set are ignored, never applied', () => {
  const expectFiledAsItself = async (caseId: string) => {
    const view = (await (await as('demo-supervisor-ly')(`/api/cases/${caseId}`)).json()) as Record<string, any>;
    expect(view.id).toBe(caseId);
    expect(view).toMatchObject({ status: 'queued', filedBy: 'demo-grid-ly', assigneeId: null, overdue: false, escalationLevel: 0, outcome: null });
    expect(view.caseNumber).toMatch(/^XH-LY-\d{8}-\d{4}$/);
    expect(view.jurisdictionCode.startsWith('XH-LY')).toBe(true);
  };

  it('in a JSON intake', async () => {
    const response = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify({ ...freshIntake('grid'), ...forged }) });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(id).not.toBe(forged.id);
    await expectFiledAsItself(id);
  });

  it('in an intake form', async () => {
    const cookie = await signIn('demo-grid-ly');
    const form = {
      lang: 'zh-CN',
      category: 'neighbour',
      summary: '邻居装修噪音扰民，多次协商未果',
      'where.address': `白乐桥村 ${newMarker()} 号`,
      'where.gridCellCode': 'XH-LY-BLQ-01',
      'parties.0.name': '周某',
      'parties.0.role': 'applicant',
      ...Object.fromEntries(Object.entries(forged).map(([name, value]) => [name, String(value)])),
    };
    const response = await pageAs(cookie, '/intake/grid', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    expect(response.status).toBe(303);
    await expectFiledAsItself(/\/cases\/([0-9a-f-]{36})\//.exec(response.headers.get('location')!)![1]!);
  });

  it('in every step’s body: the payload the workflow gets holds only the step’s own fields', () => {
    for (const step of stepNames) {
      const schema = stepPayloadSchemas[step];
      const example = stepExamples[step] as Record<string, unknown>;
      // A field the step itself takes (such as a department report's `outcome`) is the step's, not a forgery.
      const own = new Set([...Object.keys(example), ...Object.keys(v.parse(schema, example) as object)]);
      const foreign = Object.keys(forged).filter((name) => !own.has(name));
      const payload = v.parse(schema, { ...Object.fromEntries(foreign.map((name) => [name, forged[name as keyof typeof forged]])), ...example }) as Record<string, unknown>;
      for (const name of foreign) expect(payload, `${step}.${name}`).not.toHaveProperty(name);
    }
  });

  it('in a new user and a change to one: the user is active and unlocked, with the code the edge issued and no password', async () => {
    const admin = as('demo-admin');
    const id = `probe-${newMarker()}`;
    const created = await admin('/api/users', { method: 'POST', body: JSON.stringify({ ...forged, id, name: '孙调解员', role: 'mediator', jurisdictionCode: 'XH-LY' }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ passwordSet: false, lockedAt: null, disabledAt: null, oneTimeCode: expect.stringMatching(/^[A-Z0-9-]{14}$/) });
    const issued = await admin(`/api/users/${id}/tokens`, { method: 'POST', body: JSON.stringify({ ...forged, name: '探测', expiresInDays: 7 }) });
    const { token } = (await issued.json()) as { token: string };
    expect((await apiAs(stack, token)('/api/cases?limit=1')).status).toBe(200);
    const changed = await admin(`/api/users/${id}`, { method: 'PATCH', body: JSON.stringify({ name: '孙调解员（二）', id: 'demo-admin', tokenHash: 'forged', disabledAt: forged.disabledAt }) });
    expect(changed.status).toBe(200);
    const users = (await (await admin('/api/users')).json()) as { id: string; name: string; disabledAt: string | null; createdAt: string }[];
    const user = users.find((u) => u.id === id)!;
    expect(user).toMatchObject({ name: '孙调解员（二）', disabledAt: null });
    expect(user.createdAt > '2020').toBe(true);
    expect(users.find((u) => u.id === 'demo-admin')!.name).toBe('系统管理员');
    expect((await apiAs(stack, token)('/api/cases?limit=1')).status).toBe(200);
  });

  it('in a new jurisdiction: it sits under the parent named, at the level below it', async () => {
    const code = `XH-LY-P${newMarker().slice(-4)}`;
    const response = await as('demo-admin')('/api/jurisdictions', {
      method: 'POST',
      body: JSON.stringify({ code, name: '试探村', parentCode: 'XH-LY', path: '/XH/XH-BS/', level: 'county' }),
    });
    expect(response.status).toBe(201);
    const places = (await (await as('demo-admin')('/api/jurisdictions')).json()) as { code: string; path: string; level: string; parentCode: string }[];
    const place = places.find((p) => p.code === code)!;
    expect(place.path).toBe(`/XH/XH-LY/${code}/`);
    expect(place.level).not.toBe('county');
  });

  it('in a batch and its lines: the batch is the dispatcher’s station’s, the lines unanswered', async () => {
    const batchId = `probe-${newMarker()}`;
    const response = await as('demo-supervisor-ly')('/api/batches', {
      method: 'POST',
      body: JSON.stringify({
        ...forged,
        batchId,
        title: '核查指令',
        feedbackWithin: 'P2D',
        lines: [{ ...forged, kind: 'population', assigneeId: 'demo-grid-ly', subject: '白乐桥村 12 号 出租房人口核查', feedback: '已核查', feedbackAt: forged.createdAt }],
      }),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    const batch = (await (await as('demo-supervisor-ly')(`/api/batches/${batchId}`)).json()) as { jurisdictionCode: string; createdBy: string; lines: { status: string; feedback: string | null; assigneeId: string }[] };
    expect(batch.lines).toEqual([expect.objectContaining({ assigneeId: 'demo-grid-ly', feedback: null })]);
    expect(batch.lines[0]!.status).not.toBe('answered');
    expect(batch).toMatchObject({ jurisdictionCode: 'XH-LY', createdBy: 'demo-supervisor-ly' });
  });
});

describe('forged and replayed calls to /internal (API2: authentication between the edge and the worker)', () => {
  const signedReport = async (caseId: string, report: object, at = Date.now()) => {
    const path = `/internal/cases/${caseId}/events`;
    const body = JSON.stringify(report);
    return { path, body, signature: await signRequest('test-internal-secret', 'POST', path, body, at) };
  };
  const send = (path: string, body: string, signature: string) =>
    fetch(`${stack.edgeUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', [signatureHeader]: signature }, body });

  it('refuses a report signed for one case and replayed against another', async () => {
    const [first, second] = [await fileCase(gridWorker, newMarker()), await fileCase(gridWorker, newMarker())];
    const signed = await signedReport(first.id, workflowReport(1));
    expect((await send(`/internal/cases/${second.id}/events`, signed.body, signed.signature)).status).toBe(401);
    expect((await send(signed.path, signed.body, signed.signature)).status).toBe(200);
  });

  it('refuses a report signed ten minutes ago, though its signature was good', async () => {
    const filed = await fileCase(gridWorker, newMarker());
    const stale = await signedReport(filed.id, workflowReport(1), Date.now() - 10 * 60_000);
    expect((await send(stale.path, stale.body, stale.signature)).status).toBe(401);
    expect(((await (await as('demo-supervisor-ly')(`/api/cases/${filed.id}`)).json()) as { status: string }).status).toBe('queued');
  });
});

describe('phone and ID numbers (API3: excessive data exposure)', () => {
  const phone = newPhone();
  const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const marker = newMarker();
  let filed: { id: string; caseNumber: string };
  beforeAll(async () => {
    filed = await fileCase(gridWorker, marker, (intake) => {
      intake.parties = [{ name: '王某', role: 'applicant', phone }];
      intake.summary = `王某（身份证 330106198001011234，电话 ${phone}）反映邻居装修噪音扰民。`;
    });
    await project(stack, filed.id, 1, { route: 'joint', order: 'accepted', assigneeId: 'demo-mediator-ly' }, { market: 'pending' });
  });

  it.each([
    ['a grid worker', 'demo-grid-ly', true],
    ['a department liaison', 'demo-dept-market', true],
    ['the mediator it is dispatched to', 'demo-mediator-ly', false],
    ['a supervisor', 'demo-supervisor-ly', false],
  ])('%s (%s) reads the whole case through the API, phones masked: %s', async (_, user, isMasked) => {
    const view = (await (await as(user)(`/api/cases/${filed.id}`)).json()) as { summary: string; parties: { phone: string }[] };
    expect(view.parties[0]!.phone).toBe(isMasked ? masked : phone);
    expect(view.summary.includes('330106198001011234')).toBe(!isMasked);
    expectDocumentedCase(view);
  });

  it('leaves the number nowhere in a grid worker’s read, not even in a merged report’s intake on the timeline', async () => {
    const again = await fileCase(gridWorker, marker, (intake) => {
      intake.parties = [{ name: '王某', role: 'applicant', phone }];
      intake.summary = `王某再次来电（${phone}），噪音仍未解决。`;
    });
    expect(again.id).toBe(filed.id);
    const asGridWorker = await (await gridWorker(`/api/cases/${filed.id}`)).text();
    expect(asGridWorker).toContain('repeat_report');
    expect(asGridWorker).not.toContain(phone);
    expect(asGridWorker).toContain(masked);
    expectDocumentedCase(JSON.parse(asGridWorker));
    expect(await (await as('demo-supervisor-ly')(`/api/cases/${filed.id}`)).text()).toContain(phone);
  });

  it('masks the workbook a grid worker downloads, not the supervisor’s', async () => {
    const gridSheet = await workbookText(await gridWorker(`/api/cases?q=${marker}&format=xlsx`));
    expect(gridSheet).toContain(filed.caseNumber);
    expect(gridSheet).toContain(masked);
    expect(gridSheet).not.toContain(phone);
    expect(await workbookText(await as('demo-supervisor-ly')(`/api/cases?q=${marker}&format=xlsx`))).toContain(phone);
  });
});
