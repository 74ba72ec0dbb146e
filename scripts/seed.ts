import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childPath, rootPath } from '../domain/jurisdiction';
import type { Department, Role } from '../schemas/vocabulary';
import { randomToken, sha256Hex } from '../workers/crypto';

/** A demo county: one bureau, two stations, their communities and grid cells. */
const demoJurisdictions = [
  { code: 'XH', name: '西湖分局', level: 'county', parent: null },
  { code: 'XH-LY', name: '灵隐派出所', level: 'station', parent: 'XH' },
  { code: 'XH-LY-BLQ', name: '白乐桥村', level: 'community', parent: 'XH-LY' },
  { code: 'XH-LY-BLQ-01', name: '白乐桥村第一网格', level: 'grid', parent: 'XH-LY-BLQ' },
  { code: 'XH-LY-BLQ-02', name: '白乐桥村第二网格', level: 'grid', parent: 'XH-LY-BLQ' },
  { code: 'XH-LY-LYS', name: '灵隐社区', level: 'community', parent: 'XH-LY' },
  { code: 'XH-LY-LYS-01', name: '灵隐社区第一网格', level: 'grid', parent: 'XH-LY-LYS' },
  { code: 'XH-BS', name: '北山派出所', level: 'station', parent: 'XH' },
  { code: 'XH-BS-SG', name: '曙光社区', level: 'community', parent: 'XH-BS' },
  { code: 'XH-BS-SG-01', name: '曙光社区第一网格', level: 'grid', parent: 'XH-BS-SG' },
] as const;

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

function pathOf(code: string): string {
  const node = demoJurisdictions.find((j) => j.code === code)!;
  return childPath(node.parent ? pathOf(node.parent) : rootPath, code);
}

const quote = (value: string | null) => (value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`);

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
  const statements = demoJurisdictions.map(
    (j) =>
      `INSERT INTO jurisdictions (code, name, level, parent_code, path) VALUES (${quote(j.code)}, ${quote(j.name)}, ${quote(j.level)}, ${quote(j.parent)}, ${quote(pathOf(j.code))}) ON CONFLICT(code) DO NOTHING;`,
  );
  for (const user of users) {
    statements.push(
      `INSERT INTO users (id, name, role, department, jurisdiction_code, token_hash) VALUES (${quote(user.id)}, ${quote(user.name)}, ${quote(user.role)}, ${quote(user.department ?? null)}, ${quote(user.jurisdiction)}, ${quote(await sha256Hex(user.token))}) ON CONFLICT(id) DO UPDATE SET token_hash = excluded.token_hash;`,
    );
  }
  const file = join(dataDir, 'seed.sql');
  writeFileSync(file, `${statements.join('\n')}\n`);
  await execute(file);
  return users;
}
