import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { fileCase, newMarker } from '../support/case-lists';
import { apiAs, edgeOnlyStack, sessionCookieOf, tokenOf } from '../support/stack';

/** Reads of whole cases by supervisors and admins, as an admin lists them: the edge in workerd, its local D1. */
let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;
const as = (id: string) => apiAs(stack, tokenOf(stack, id));

interface CaseRead {
  id: number;
  caseId: string;
  caseNumber: string;
  readerId: string;
  readerRole: string;
  via: 'api' | 'page';
  readAt: string;
}
type ReadsPage = { rows: CaseRead[]; nextCursor: string | null };

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
});
afterAll(async () => stack?.stop());

const signIn = (id: string) => sessionCookieOf(stack, id);

async function readsAs(api: ReturnType<typeof apiAs>, query = '') {
  const response = await api(`/api/audit/case-reads${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as ReadsPage;
}

/** The reads of one case the admin's list shows once the deferred writes have landed (they follow the answer). */
async function readsOfCase(caseId: string, expected: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const reads = (await readsAs(as('demo-admin'), '?limit=200')).rows.filter((read) => read.caseId === caseId);
    if (reads.length >= expected || Date.now() > deadline) return reads;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the audit of case reads', () => {
  it('records each read of a whole case by anyone, through the API or a page, newest first', async () => {
    const filed = await fileCase(gridWorker, newMarker());
    const before = new Date().toISOString();
    expect((await gridWorker(`/api/cases/${filed.id}`)).status).toBe(200);
    const receipt = await fetch(`${stack.edgeUrl}/cases/${filed.id}/receipt`, { headers: { cookie: await signIn('demo-grid-ly') } });
    expect(receipt.status).toBe(200);
    await receipt.body?.cancel();
    expect((await as('demo-mediator-ly')(`/api/cases/${filed.id}`)).status).toBe(200);
    expect((await as('demo-supervisor-ly')(`/api/cases/${filed.id}`)).status).toBe(200);
    const page = await fetch(`${stack.edgeUrl}/cases/${filed.id}`, { headers: { cookie: await signIn('demo-supervisor-xh') } });
    expect(page.status).toBe(200);
    await page.body?.cancel();
    expect((await as('demo-admin')(`/api/cases/${filed.id}`)).status).toBe(200);

    const reads = await readsOfCase(filed.id, 6);
    expect(reads.map((read) => [read.readerId, read.readerRole, read.via])).toEqual([
      ['demo-admin', 'admin', 'api'],
      ['demo-supervisor-xh', 'supervisor', 'page'],
      ['demo-supervisor-ly', 'supervisor', 'api'],
      ['demo-mediator-ly', 'mediator', 'api'],
      ['demo-grid-ly', 'grid_worker', 'page'],
      ['demo-grid-ly', 'grid_worker', 'api'],
    ]);
    expect(reads.every((read) => read.caseNumber === filed.caseNumber && read.readAt >= before)).toBe(true);
  });

  it('records nothing for a case the reader may not see', async () => {
    const beishan = await fileCase(as('demo-grid-bs'), newMarker(), (intake) => (intake.where.gridCellCode = 'XH-BS-SG-01'));
    expect((await as('demo-supervisor-ly')(`/api/cases/${beishan.id}`)).status).toBe(404);
    expect((await as('demo-supervisor-xh')(`/api/cases/${beishan.id}`)).status).toBe(200);
    const reads = await readsOfCase(beishan.id, 1);
    expect(reads.map((read) => read.readerId)).toEqual(['demo-supervisor-xh']);
  });

  it('pages the list with a cursor, each read once', async () => {
    const filed = await fileCase(gridWorker, newMarker());
    for (let i = 0; i < 3; i++) expect((await as('demo-supervisor-ly')(`/api/cases/${filed.id}`)).status).toBe(200);
    await readsOfCase(filed.id, 3);
    const first = await readsAs(as('demo-admin'), '?limit=2');
    const second = await readsAs(as('demo-admin'), `?limit=2&cursor=${first.nextCursor}`);
    expect(first.rows).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const ids = [...first.rows, ...second.rows].map((read) => read.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    expect((await as('demo-admin')('/api/audit/case-reads?cursor=garbage')).status).toBe(422);
    expect((await as('demo-admin')('/api/audit/case-reads?limit=0')).status).toBe(422);
  });

  it('shows an admin the reads of their own jurisdiction only, and nobody else the list', async () => {
    const created = await as('demo-admin')('/api/users', {
      method: 'POST',
      body: JSON.stringify({ id: `admin-bs-${newMarker()}`, name: '北山所管理员', role: 'admin', jurisdictionCode: 'XH-BS' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const issued = await as('demo-admin')(`/api/users/${id}/tokens`, { method: 'POST', body: JSON.stringify({ name: '审计测试', expiresInDays: 7 }) });
    const beishanAdmin = apiAs(stack, ((await issued.json()) as { token: string }).token);
    const lingyin = await fileCase(gridWorker, newMarker());
    const beishan = await fileCase(as('demo-grid-bs'), newMarker(), (intake) => (intake.where.gridCellCode = 'XH-BS-SG-01'));
    await as('demo-supervisor-xh')(`/api/cases/${lingyin.id}`);
    await as('demo-supervisor-xh')(`/api/cases/${beishan.id}`);
    await readsOfCase(beishan.id, 1);
    await readsOfCase(lingyin.id, 1);

    const seen = (await readsAs(beishanAdmin, '?limit=200')).rows.map((read) => read.caseId);
    expect(seen).toContain(beishan.id);
    expect(seen).not.toContain(lingyin.id);
    for (const user of ['demo-supervisor-xh', 'demo-mediator-ly', 'demo-grid-ly']) {
      expect((await as(user)('/api/audit/case-reads')).status, user).toBe(403);
    }
    expect((await apiAs(stack, undefined)('/api/audit/case-reads')).status).toBe(401);
  });

  it('is in the API document with an example the route answers in the same shape', async () => {
    const document = (await (await as('demo-admin')('/api/openapi.json')).json()) as { paths: Record<string, any> };
    const operation = document.paths['/api/audit/case-reads'].get;
    const example = operation.responses[200].content['application/json'].example as ReadsPage;
    const answered = await readsAs(as('demo-admin'), '?limit=1');
    expect(Object.keys(answered.rows[0]!).sort()).toEqual(Object.keys(example.rows[0]!).sort());
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['from', 'to', 'user', 'limit', 'cursor']);
    // The example's cursor is one the route takes.
    expect((await as('demo-admin')(`/api/audit/case-reads?cursor=${example.nextCursor}`)).status).toBe(200);
  });
});
