import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeBelow } from '../domain/jurisdiction';
import { departmentIssue } from '../domain/people';
import type { Department, JurisdictionLevel, Role } from '../schemas/vocabulary';
import { randomToken, sha256Hex } from '../workers/crypto';

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

const demoPeople: { id: string; role: Role; name: string; jurisdiction: string; department?: Department }[] = [
  { id: 'demo-grid-ly', role: 'grid_worker', name: '王网格员', jurisdiction: 'XH-LY-BLQ' },
  { id: 'demo-grid-bs', role: 'grid_worker', name: '陈网格员', jurisdiction: 'XH-BS' },
  { id: 'demo-mediator-ly', role: 'mediator', name: '赵调解员', jurisdiction: 'XH-LY' },
  { id: 'demo-supervisor-ly', role: 'supervisor', name: '灵隐所指挥室', jurisdiction: 'XH-LY' },
  { id: 'demo-supervisor-xh', role: 'supervisor', name: '分局指挥中心', jurisdiction: 'XH' },
  { id: 'demo-admin', role: 'admin', name: '系统管理员', jurisdiction: 'XH' },
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

const quote = (value: string | null) => (value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`);

/**
 * Inserts for places listed parents first. Level and path come from `placeBelow`, as when an admin opens a place
 * through the API (the seed runs before the edge is up, so it writes D1 itself). A place already there is kept.
 */
export function jurisdictionStatements(places: readonly SeedPlace[]): string[] {
  const placed = new Map<string, { path: string; level: JurisdictionLevel }>();
  return places.map((j) => {
    const parent = j.parent === null ? undefined : placed.get(j.parent);
    if (j.parent !== null && !parent) throw new Error(`seed: ${j.code} is listed before its parent ${j.parent}`);
    const place = placeBelow(parent, j.code);
    if (!place) throw new Error(`seed: nothing goes below the grid cell ${j.parent}`);
    placed.set(j.code, place);
    return `INSERT INTO jurisdictions (code, name, level, parent_code, path) VALUES (${quote(j.code)}, ${quote(j.name)}, ${quote(place.level)}, ${quote(j.parent)}, ${quote(place.path)}) ON CONFLICT(code) DO NOTHING;`;
  });
}

/** An insert for a user with their token's SHA-256; seeding again keeps the user and takes the token given. */
export async function userStatement(user: DemoUser): Promise<string> {
  const department = user.department ?? null;
  const issue = departmentIssue({ role: user.role, department });
  if (issue) throw new Error(`seed: ${user.id}: ${issue}`);
  return `INSERT INTO users (id, name, role, department, jurisdiction_code, token_hash) VALUES (${quote(user.id)}, ${quote(user.name)}, ${quote(user.role)}, ${quote(department)}, ${quote(user.jurisdiction)}, ${quote(await sha256Hex(user.token))}) ON CONFLICT(id) DO UPDATE SET token_hash = excluded.token_hash;`;
}

/** Tokens are made once and kept in .data/demo-users.json, so a restart keeps everyone signed in. */
function loadOrCreateDemoUsers(dataDir: string): DemoUser[] {
  const file = join(dataDir, 'demo-users.json');
  const known = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoUser[]) : [];
  const users = demoPeople.map((person) => ({ ...person, token: known.find((u) => u.id === person.id)?.token ?? randomToken() }));
  writeFileSync(file, `${JSON.stringify(users, null, 2)}\n`, { mode: 0o600 });
  return users;
}

export async function seedDemoData(dataDir: string, execute: (sqlFile: string) => Promise<void>): Promise<DemoUser[]> {
  const users = loadOrCreateDemoUsers(dataDir);
  const statements = [...jurisdictionStatements(demoJurisdictions), ...(await Promise.all(users.map(userStatement)))];
  const file = join(dataDir, 'seed.sql');
  writeFileSync(file, `${statements.join('\n')}\n`);
  await execute(file);
  return users;
}
