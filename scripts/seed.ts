import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Department, Role } from '../schemas/vocabulary';

/** A place as the seed lists it: parents before their children; a county has no parent. */
export interface SeedPlace {
  code: string;
  name: string;
  parent: string | null;
}

/** A demo county: one bureau, two stations, their communities and grid cells. */
const demoJurisdictions: SeedPlace[] = [
  { code: 'XH', name: '西湖分局', parent: null },
  { code: 'XH-LY', name: '灵隐派出所', parent: 'XH' },
  { code: 'XH-LY-BLQ', name: '白乐桥村', parent: 'XH-LY' },
  { code: 'XH-LY-BLQ-01', name: '白乐桥村第一网格', parent: 'XH-LY-BLQ' },
  { code: 'XH-LY-BLQ-02', name: '白乐桥村第二网格', parent: 'XH-LY-BLQ' },
  { code: 'XH-LY-LYS', name: '灵隐社区', parent: 'XH-LY' },
  { code: 'XH-LY-LYS-01', name: '灵隐社区第一网格', parent: 'XH-LY-LYS' },
  { code: 'XH-BS', name: '北山派出所', parent: 'XH' },
  { code: 'XH-BS-SG', name: '曙光社区', parent: 'XH-BS' },
  { code: 'XH-BS-SG-01', name: '曙光社区第一网格', parent: 'XH-BS-SG' },
];

/** The county's first admin comes with the county; the others are made by that admin. */
const demoAdmin = { id: 'demo-admin', role: 'admin', name: '系统管理员', jurisdiction: 'XH' } as const;
const demoPeople: { id: string; role: Role; name: string; jurisdiction: string; department?: Department }[] = [
  { id: 'demo-grid-ly', role: 'grid_worker', name: '王网格员', jurisdiction: 'XH-LY-BLQ' },
  { id: 'demo-grid-bs', role: 'grid_worker', name: '陈网格员', jurisdiction: 'XH-BS' },
  { id: 'demo-mediator-ly', role: 'mediator', name: '赵调解员', jurisdiction: 'XH-LY' },
  { id: 'demo-supervisor-ly', role: 'supervisor', name: '灵隐所指挥室', jurisdiction: 'XH-LY' },
  { id: 'demo-supervisor-xh', role: 'supervisor', name: '分局指挥中心', jurisdiction: 'XH' },
  { id: 'demo-dept-market', role: 'department', name: '灵隐市场监管所联络员', jurisdiction: 'XH-LY', department: 'market' },
];

export interface DemoUser {
  id: string;
  role: Role;
  department?: Department;
  name: string;
  jurisdiction: string;
  token: string;
}

/** The running edge, and the platform operator's token that opens a county there. */
export interface SeedTarget {
  edgeUrl: string;
  operatorToken: string;
}

class SeedError extends Error {}

async function call(target: SeedTarget, token: string, method: string, path: string, body?: object) {
  const response = await fetch(`${target.edgeUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (response.status >= 400 && response.status !== 409) throw new SeedError(`seed: ${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return { taken: response.status === 409, answer };
}

/**
 * The demo county through the API, as a deployment's operator and its first admin would make it: the operator opens
 * the county with its admin, the admin opens the places below and makes the people, and gives each a year's token
 * for the demo's programs. Tokens are answered once by the edge and kept in .data/demo-users.json, so a restart
 * keeps everyone signed in; seeding again finds everything there (409) and keeps it, issuing a new token only to a
 * user whose token was lost.
 */
export async function seedDemoData(dataDir: string, target: SeedTarget): Promise<DemoUser[]> {
  const file = join(dataDir, 'demo-users.json');
  const known = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoUser[]) : [];
  const knownToken = (id: string) => known.find((user) => user.id === id)?.token;

  const [county, ...places] = demoJurisdictions;
  const opened = await call(target, target.operatorToken, 'POST', '/api/counties', { code: county!.code, name: county!.name, admin: { id: demoAdmin.id, name: demoAdmin.name } });
  // The county's opening hands over a setup token good for a week; the demo admin keeps a year's token of their own.
  const setupToken = opened.taken ? knownToken(demoAdmin.id) : (opened.answer.admin as { token: string }).token;
  if (!setupToken) throw new SeedError(`seed: the county ${county!.code} is there but its admin's token is not in ${file}; remove the data directory to seed afresh.`);
  const demoToken = async (id: string) =>
    knownToken(id) ?? ((await call(target, setupToken, 'POST', `/api/users/${id}/tokens`, { name: '演示令牌', expiresInDays: 365 })).answer.token as string);
  const adminToken = await demoToken(demoAdmin.id);

  for (const place of places) await call(target, adminToken, 'POST', '/api/jurisdictions', { code: place.code, name: place.name, parentCode: place.parent });

  const users: DemoUser[] = [{ ...demoAdmin, token: adminToken }];
  for (const person of demoPeople) {
    const { jurisdiction, ...fields } = person;
    await call(target, adminToken, 'POST', '/api/users', { ...fields, jurisdictionCode: jurisdiction });
    users.push({ ...person, token: await demoToken(person.id) });
  }
  writeFileSync(file, `${JSON.stringify(users, null, 2)}\n`, { mode: 0o600 });
  return users;
}

/** The password every demo user signs in with on the pages; a county's own people choose theirs. */
export const demoPassword = 'fengqiao-demo';

/**
 * Each demo user without a password gets one the way a new person does: the admin issues a one-time code, the user
 * signs in with it and sets the password on the page it leads to.
 */
export async function setDemoPasswords(target: SeedTarget, users: DemoUser[]) {
  const adminToken = users.find((user) => user.role === 'admin')!.token;
  const listed = (await call(target, adminToken, 'GET', '/api/users')).answer as unknown as { id: string; passwordSet: boolean }[];
  const withPassword = new Set(listed.filter((user) => user.passwordSet).map((user) => user.id));
  const form = (fields: Record<string, string>, cookie?: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: target.edgeUrl, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual' as const,
  });
  for (const user of users.filter((each) => !withPassword.has(each.id))) {
    const code = (await call(target, adminToken, 'POST', `/api/users/${user.id}/one-time-code`)).answer.oneTimeCode as string;
    const signIn = await fetch(`${target.edgeUrl}/login`, form({ login: user.id, password: code }));
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0];
    if (signIn.status !== 303 || !cookie) throw new SeedError(`seed: ${user.id} could not sign in with a one-time code (${signIn.status}).`);
    const set = await fetch(`${target.edgeUrl}/account/password`, form({ password: demoPassword, repeat: demoPassword }, cookie));
    if (set.status !== 303) throw new SeedError(`seed: ${user.id} could not set the demo password (${set.status}).`);
  }
}
