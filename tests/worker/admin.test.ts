import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postReport, workflowReport } from '../support/reports';
import { jurisdictionRenameSchema, newCountySchema, newJurisdictionSchema } from '../../schemas/jurisdictions';
import { newUserSchema, userChangeSchema } from '../../schemas/users';
import { newTokenSchema } from '../../schemas/api-tokens';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, freshIntake, tokenOf } from '../support/stack';

/**
 * The edge in workerd with a real local D1 and Temporal unreachable. A second county (余杭) is opened beside the demo
 * one by the platform's operator, as the seed opens the demo county.
 */
let stack: Stack;
let admin: ReturnType<typeof apiAs>;
let gridWorker: ReturnType<typeof apiAs>;
let operator: ReturnType<typeof apiAs>;
let secondCountyAdminToken: string;

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
  admin = apiAs(stack, tokenOf(stack, 'demo-admin'));
  operator = apiAs(stack, 'test-operator-token');
  const opened = await operator('/api/counties', { method: 'POST', body: JSON.stringify({ code: 'YH', name: '余杭分局', admin: { id: 'admin-yh', name: '余杭管理员' } }) });
  expect(opened.status).toBe(201);
  secondCountyAdminToken = ((await opened.json()) as { admin: { token: string } }).admin.token;
});
afterAll(async () => stack?.stop());

const post = (as: ReturnType<typeof apiAs>, path: string, body: object = {}) => as(path, { method: 'POST', body: JSON.stringify(body) });
const patch = (as: ReturnType<typeof apiAs>, path: string, body: object) => as(path, { method: 'PATCH', body: JSON.stringify(body) });
const json = async (response: Response) => (await response.json()) as Record<string, any>;

/** A new user made by the demo admin, and a token the admin made for them. */
async function newUser(user: Record<string, string>) {
  const response = await post(admin, '/api/users', { name: '测试用户', ...user });
  expect(response.status).toBe(201);
  const body = await json(response);
  const issued = await post(admin, `/api/users/${user.id}/tokens`, { name: '测试', expiresInDays: 7 });
  expect(issued.status).toBe(201);
  const token = (await json(issued)).token as string;
  return { body, api: apiAs(stack, token), token };
}

const signedIn = async (token: string) => (await apiAs(stack, token)('/api/notifications')).status;

describe('places', () => {
  it('opens a station, a community and a grid cell each a level down; a mediator made there files in that grid cell', async () => {
    const station = await post(admin, '/api/jurisdictions', { code: 'XH-MJ', name: '梅家坞派出所', parentCode: 'XH' });
    expect(station.status).toBe(201);
    expect(await json(station)).toEqual({ code: 'XH-MJ', name: '梅家坞派出所', level: 'station', parentCode: 'XH', path: '/XH/XH-MJ/', retiredAt: null });
    const community = await json(await post(admin, '/api/jurisdictions', { code: 'XH-MJ-MJW', name: '梅家坞村', parentCode: 'XH-MJ' }));
    expect(community).toMatchObject({ level: 'community', path: '/XH/XH-MJ/XH-MJ-MJW/' });
    const grid = await json(await post(admin, '/api/jurisdictions', { code: 'XH-MJ-MJW-01', name: '梅家坞村第一网格', parentCode: 'XH-MJ-MJW' }));
    expect(grid).toMatchObject({ level: 'grid', parentCode: 'XH-MJ-MJW', path: '/XH/XH-MJ/XH-MJ-MJW/XH-MJ-MJW-01/' });

    const mediator = await newUser({ id: 'mediator-mj', role: 'mediator', jurisdictionCode: 'XH-MJ-MJW-01' });
    expect(mediator.body).toMatchObject({ id: 'mediator-mj', role: 'mediator', department: null, jurisdictionCode: 'XH-MJ-MJW-01', disabledAt: null });
    expect(mediator.body).not.toHaveProperty('tokenHash');
    const intake = freshIntake('grid');
    intake.where.gridCellCode = 'XH-MJ-MJW-01';
    const filed = await post(mediator.api, '/api/intake/grid', intake);
    expect(filed.status).toBe(201);
    expect(await json(filed)).toMatchObject({ jurisdictionCode: 'XH-MJ', where: { gridCellCode: 'XH-MJ-MJW-01' }, filedBy: 'mediator-mj' });

    const tree = (await json(await admin('/api/jurisdictions'))) as unknown as { code: string; parentCode: string | null }[];
    expect(tree[0]).toMatchObject({ code: 'XH', parentCode: null });
    expect(tree).toContainEqual(expect.objectContaining({ code: 'XH-MJ-MJW-01', parentCode: 'XH-MJ-MJW', level: 'grid' }));
  });

  it('answers 409 for a taken code, 422 for a bad code and for a place below a grid cell', async () => {
    expect((await post(admin, '/api/jurisdictions', { code: 'XH-LY', name: '重复', parentCode: 'XH' })).status).toBe(409);
    const bad = await post(admin, '/api/jurisdictions', { code: 'XH/LY', name: '', parentCode: 'XH' });
    expect(bad.status).toBe(422);
    expect(await json(bad)).toEqual({
      error: 'invalid_jurisdiction',
      fields: [
        { field: 'code', code: 'jurisdictionCode', message: '编码只能包含字母、数字和连字符（2–40 位）' },
        { field: 'name', code: 'min_length', message: '名称至少需要 1 个字' },
      ],
    });
    const belowGrid = await post(admin, '/api/jurisdictions', { code: 'XH-LY-BLQ-01-A', name: '小网格', parentCode: 'XH-LY-BLQ-01' });
    expect(belowGrid.status).toBe(422);
    expect((await json(belowGrid)).fields).toEqual([{ field: 'parentCode', code: 'gridHasNoChildren', message: '网格是最小的辖区，其下不能再设辖区' }]);
  });

  it('renames a place', async () => {
    const renamed = await patch(admin, '/api/jurisdictions/XH-BS-SG', { name: '曙光社区（新）' });
    expect(await json(renamed)).toMatchObject({ code: 'XH-BS-SG', name: '曙光社区（新）', level: 'community' });
  });
});

describe('users and their tokens', () => {
  it('lists users without token hashes', async () => {
    const users = (await json(await admin('/api/users'))) as unknown as Record<string, unknown>[];
    expect(users.map((u) => u.id)).toEqual(expect.arrayContaining(['demo-admin', 'demo-mediator-ly', 'demo-dept-market']));
    for (const user of users) expect(Object.keys(user)).not.toContain('tokenHash');
  });

  it('answers a new user with a one-time code, never a token', async () => {
    const made = await post(admin, '/api/users', { id: 'grid-code', name: '新网格员', role: 'grid_worker', jurisdictionCode: 'XH-LY-BLQ' });
    expect(made.headers.get('cache-control')).toBe('no-store');
    const body = await json(made);
    expect(body.oneTimeCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(body).toMatchObject({ passwordSet: false, oneTimeCodeExpiresAt: expect.any(String) });
    expect(body).not.toHaveProperty('token');
    expect(((await json(await admin('/api/users/grid-code/tokens'))) as unknown as unknown[]).length).toBe(0);
  });

  it('stops a disabled user’s token and page session at once; enabling brings the token back', async () => {
    const user = await newUser({ id: 'grid-disable', role: 'grid_worker', jurisdictionCode: 'XH-LY-BLQ' });
    expect(await signedIn(user.token)).toBe(200);
    const login = await fetch(`${stack.edgeUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl },
      body: new URLSearchParams({ token: user.token, next: '/intake/grid' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const page = () => fetch(`${stack.edgeUrl}/intake/grid`, { headers: { cookie }, redirect: 'manual' });
    expect((await page()).status).toBe(200);

    const disabled = await post(admin, '/api/users/grid-disable/disable');
    expect((await json(disabled)).disabledAt).toEqual(expect.any(String));
    expect(await signedIn(user.token)).toBe(401);
    expect((await page()).status).toBe(303);

    expect((await json(await post(admin, '/api/users/grid-disable/enable'))).disabledAt).toBeNull();
    expect(await signedIn(user.token)).toBe(200);
  });

  it('does not let an admin disable themselves or give up their own admin role', async () => {
    expect(await json(await post(admin, '/api/users/demo-admin/disable'))).toMatchObject({ error: 'refused' });
    expect((await patch(admin, '/api/users/demo-admin', { role: 'supervisor' })).status).toBe(409);
    expect(await signedIn(tokenOf(stack, 'demo-admin'))).toBe(200);
  });

  it('needs a department for a department liaison and refuses one for anyone else; a new role drops it', async () => {
    const missing = await post(admin, '/api/users', { id: 'dept-x', name: '联络员', role: 'department', jurisdictionCode: 'XH-LY' });
    expect(await json(missing)).toEqual({ error: 'invalid_user', fields: [{ field: 'department', code: 'departmentRequired', message: '部门联络员须填写部门' }] });
    const refused = await post(admin, '/api/users', { id: 'med-x', name: '调解员', role: 'mediator', jurisdictionCode: 'XH-LY', department: 'police' });
    expect(refused.status).toBe(422);
    const liaison = await newUser({ id: 'dept-labour', role: 'department', department: 'labour', jurisdictionCode: 'XH-LY' });
    expect(liaison.body.department).toBe('labour');
    expect(await json(await patch(admin, '/api/users/dept-labour', { role: 'grid_worker' }))).toMatchObject({ role: 'grid_worker', department: null });
    expect((await post(admin, '/api/users', { id: 'dept-labour', name: '重复', role: 'mediator', jurisdictionCode: 'XH-LY' })).status).toBe(409);
  });

  it('refuses people and places to a supervisor and a grid worker (403)', async () => {
    const supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'));
    expect((await post(supervisor, '/api/users', { id: 'sneaky', name: '某人', role: 'admin', jurisdictionCode: 'XH' })).status).toBe(403);
    expect((await supervisor('/api/users')).status).toBe(403);
    expect((await post(supervisor, '/api/jurisdictions', { code: 'XH-X', name: '某所', parentCode: 'XH' })).status).toBe(403);
    expect((await post(gridWorker, '/api/users/demo-grid-ly/tokens', { name: '越权', expiresInDays: 7 })).status).toBe(403);
  });
});

describe('counties, opened by the platform’s operator', () => {
  it('opens a county with its first admin in one write, answering the admin’s one-time code and a week’s setup token once', async () => {
    const opened = await post(operator, '/api/counties', { code: 'FY', name: '富阳分局', admin: { id: 'admin-fy', name: '富阳管理员' } });
    expect(opened.status).toBe(201);
    expect(opened.headers.get('cache-control')).toBe('no-store');
    const body = await json(opened);
    expect(body.county).toEqual({ code: 'FY', name: '富阳分局', level: 'county', parentCode: null, path: '/FY/', retiredAt: null });
    expect(body.admin).toMatchObject({ id: 'admin-fy', role: 'admin', jurisdictionCode: 'FY', jurisdictionPath: '/FY/', department: null, disabledAt: null });
    expect(body.admin).not.toHaveProperty('tokenHash');
    expect(body.admin.oneTimeCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const fy = apiAs(stack, body.admin.token as string);
    const [setup] = (await json(await fy('/api/tokens'))) as unknown as { name: string; expiresAt: string; state: string }[];
    expect(setup).toMatchObject({ name: '开通县区时签发', state: 'active' });
    expect(Date.parse(setup!.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(Date.parse(setup!.expiresAt) - Date.now()).toBeLessThan(7.1 * 24 * 3600_000);
    expect((await post(fy, '/api/jurisdictions', { code: 'FY-FC', name: '富春派出所', parentCode: 'FY' })).status).toBe(201);
    const counties = (await json(await operator('/api/counties'))) as unknown as { code: string }[];
    expect(counties.map((county) => county.code)).toEqual(['FY', 'XH', 'YH']);
  });

  it('answers 409 for a taken code or admin ID and writes neither half; 422 names the field', async () => {
    const takenCode = await post(operator, '/api/counties', { code: 'XH', name: '重复', admin: { id: 'admin-new', name: '某人' } });
    expect(takenCode.status).toBe(409);
    expect((await json(takenCode)).error).toBe('code_taken');
    const takenAdmin = await post(operator, '/api/counties', { code: 'LA', name: '临安分局', admin: { id: 'demo-admin', name: '某人' } });
    expect(takenAdmin.status).toBe(409);
    expect((await json(takenAdmin)).error).toBe('id_taken');
    // The county of a refused admin was not written either: it can be opened now.
    expect((await post(operator, '/api/counties', { code: 'LA', name: '临安分局', admin: { id: 'admin-la', name: '临安管理员' } })).status).toBe(201);

    const bad = await operator('/api/counties', { method: 'POST', body: JSON.stringify({ code: 'L/A', name: '某局', admin: { id: '-', name: '' } }), headers: { 'accept-language': 'en' } });
    expect(bad.status).toBe(422);
    expect((await json(bad)).fields.map((f: { field: string }) => f.field)).toEqual(['code', 'admin.id', 'admin.name']);
  });

  it('lets nobody else open a county: an admin is refused (403), a wrong or missing token is not signed in (401)', async () => {
    const county = { code: 'XX', name: '某局', admin: { id: 'admin-xx', name: '某人' } };
    expect((await post(admin, '/api/counties', county)).status).toBe(403);
    expect((await post(apiAs(stack, secondCountyAdminToken), '/api/counties', county)).status).toBe(403);
    expect((await post(apiAs(stack, 'not-the-operator'), '/api/counties', county)).status).toBe(401);
    expect((await post(apiAs(stack, undefined), '/api/counties', county)).status).toBe(401);
    // The operator's token opens counties and nothing inside them.
    expect((await operator('/api/cases')).status).toBe(401);
    expect((await operator('/api/users')).status).toBe(401);
  });
});

describe('one county’s admin and another’s', () => {
  const secondAdmin = () => apiAs(stack, secondCountyAdminToken);

  it('reads no case of another county', async () => {
    const filed = await json(await post(gridWorker, '/api/intake/grid', freshIntake('grid')));
    expect((await admin(`/api/cases/${filed.id}`)).status).toBe(200);
    expect((await secondAdmin()(`/api/cases/${filed.id}`)).status).toBe(404);
    expect(((await json(await secondAdmin()('/api/cases?status=all'))).rows as unknown[]).length).toBe(0);
  });

  it('sees and changes only their own county', async () => {
    const yh = secondAdmin();
    expect(((await json(await yh('/api/users'))) as unknown as { id: string }[]).map((u) => u.id)).toEqual(['admin-yh']);
    expect(((await json(await yh('/api/jurisdictions'))) as unknown as { code: string }[]).map((j) => j.code)).toEqual(['YH']);
    expect((await patch(yh, '/api/users/demo-mediator-ly', { name: '改名' })).status).toBe(404);
    expect((await post(yh, '/api/users/demo-grid-ly/disable')).status).toBe(404);
    expect((await patch(yh, '/api/jurisdictions/XH-LY', { name: '改名' })).status).toBe(404);
    const elsewhere = await post(yh, '/api/users', { id: 'yh-into-xh', name: '某人', role: 'mediator', jurisdictionCode: 'XH-LY' });
    expect((await json(elsewhere)).fields).toEqual([{ field: 'jurisdictionCode', code: 'jurisdictionUnknown', message: '所属辖区编码不存在或不在您的辖区内' }]);
    expect((await post(yh, '/api/jurisdictions', { code: 'YH-LP', name: '良渚派出所', parentCode: 'YH' })).status).toBe(201);

    expect(((await json(await admin('/api/users'))) as unknown as { id: string }[]).map((u) => u.id)).not.toContain('admin-yh');
    expect((await post(admin, '/api/users/admin-yh/tokens', { name: '越界', expiresInDays: 7 })).status).toBe(404);
    expect((await admin('/api/users/admin-yh/tokens')).status).toBe(404);
  });
});

/** A report as the case's workflow sends it, signed: the case open, assigned, overdue and hard. */
async function reportAssigned(caseId: string, assigneeId: string) {
  const at = new Date().toISOString();
  const event = workflowReport(1, {
    type: 'clock_breached',
    detail: { clock: 'firstContact', dueAt: at },
    notify: 'assignee',
    at,
    projection: {
      hardCase: true,
      order: 'accepted',
      assigneeId,
      escalationLevel: 1,
      riskFlags: ['violence'],
      overdue: true,
      clocks: [{ clock: 'firstContact', startedAt: at, dueAt: at, warnedAt: null, breachedAt: at, stoppedAt: null, pausedAt: null }],
    },
    progress: { triageReasons: [], riskFlags: ['violence'] },
  });
  const response = await postReport(stack.edgeUrl, caseId, event, 'test-internal-secret');
  expect(response.status).toBe(200);
}

describe('mediators and their load', () => {
  it('shows a station’s supervisor the mediators of the station with their open, overdue and hard cases, nobody from another station', async () => {
    await newUser({ id: 'mediator-bs', role: 'mediator', jurisdictionCode: 'XH-BS' });
    const filed = await json(await post(gridWorker, '/api/intake/grid', freshIntake('grid')));
    await reportAssigned(filed.id, 'demo-mediator-ly');

    const supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
    const mediators = (await json(await supervisor('/api/mediators'))) as unknown as { id: string }[];
    expect(mediators).toContainEqual({ id: 'demo-mediator-ly', name: '赵调解员', jurisdictionCode: 'XH-LY', openCases: 1, overdueCases: 1, hardCases: 1 });
    expect(mediators.map((m) => m.id)).not.toContain('mediator-bs');
    expect(mediators.map((m) => m.id)).not.toContain('mediator-mj');

    const forCase = (await json(await supervisor(`/api/mediators?for=${filed.id}`))) as unknown as { id: string }[];
    expect(forCase.map((m) => m.id)).toEqual(['demo-mediator-ly']);
    const county = (await json(await apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'))('/api/mediators'))) as unknown as { id: string }[];
    expect(county.map((m) => m.id)).toEqual(expect.arrayContaining(['demo-mediator-ly', 'mediator-bs', 'mediator-mj']));
  });

  it('answers 404 for a case outside the supervisor’s jurisdiction and 403 to a mediator', async () => {
    const filed = await json(await post(apiAs(stack, tokenOf(stack, 'demo-grid-bs')), '/api/intake/grid', { ...freshIntake('grid'), where: { address: '曙光社区 3 幢', gridCellCode: 'XH-BS-SG-01' } }));
    expect((await apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'))(`/api/mediators?for=${filed.id}`)).status).toBe(404);
    expect((await apiAs(stack, tokenOf(stack, 'demo-mediator-ly'))('/api/mediators')).status).toBe(403);
  });

  it('leaves a disabled mediator off the list', async () => {
    await post(admin, '/api/users/mediator-bs/disable');
    const county = (await json(await apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'))('/api/mediators'))) as unknown as { id: string }[];
    expect(county.map((m) => m.id)).not.toContain('mediator-bs');
  });
});

describe('the API document', () => {
  it('documents the people and places routes, each request body with an example its own schema accepts', async () => {
    const document = (await json(await admin('/api/openapi.json'))) as { paths: Record<string, Record<string, any>> };
    const example = (path: string, method: string) => document.paths[path]![method].requestBody.content['application/json'].example;
    expect(v.safeParse(newJurisdictionSchema, example('/api/jurisdictions', 'post')).success).toBe(true);
    expect(v.safeParse(newCountySchema, example('/api/counties', 'post')).success).toBe(true);
    expect(v.safeParse(jurisdictionRenameSchema, example('/api/jurisdictions/{code}', 'patch')).success).toBe(true);
    expect(v.safeParse(newUserSchema, example('/api/users', 'post')).success).toBe(true);
    expect(v.safeParse(userChangeSchema, example('/api/users/{id}', 'patch')).success).toBe(true);
    expect(v.safeParse(newTokenSchema, example('/api/users/{id}/tokens', 'post')).success).toBe(true);
    for (const path of ['/api/users/{id}/disable', '/api/users/{id}/enable', '/api/users/{id}/tokens/{tokenId}', '/api/tokens', '/api/mediators']) {
      expect(document.paths).toHaveProperty([path]);
    }
  });
});
