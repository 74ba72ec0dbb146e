/**
 * Many cases straight into a local D1's SQLite file (the one `wrangler d1 migrations apply --local` made and
 * `wrangler dev` reads), with `node:sqlite` in large transactions, before any workerd process opens it. The schema is
 * the migrated one: secondary indexes are dropped for the load and created again from their own SQL in
 * `sqlite_master`, so the file ends with exactly the indexes the migrations made.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { addressKey, phoneKey } from '../domain/repeat-matching';
import { caseSearchDocument, closedNumber } from '../domain/search-index';
import { localDay } from '../domain/clocks/local-time';
import { defaultSlaPolicy } from '../domain/policy';
import { randomToken, sha256Hex } from '../workers/runtime/crypto';
import { categories, channels, type CaseStatus, type ClockName } from '../schemas/vocabulary';
import { listingColumns } from '../db/queries/case-listing';
import { cases } from '../db/schema';
import { queryBuilder } from '../tests/support/d1';

/** The local D1's file under a `--persist-to` directory: wrangler keeps one SQLite file per database object. */
export function localD1File(persistDir: string): string {
  const dir = join(persistDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const all = readdirSync(dir).filter((name) => name.endsWith('.sqlite'));
  // Beside the database wrangler may keep a small metadata file: the database is the one holding the migrated tables.
  const files = all.filter((name) => {
    const db = new DatabaseSync(join(dir, name), { readOnly: true });
    try {
      return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases'`).get() !== undefined;
    } finally {
      db.close();
    }
  });
  if (files.length !== 1) throw new Error(`expected one migrated D1 file in ${dir} (${all.join(', ')}), found ${files.length}`);
  return join(dir, files[0]!);
}

/** A small deterministic generator, so every size draws the same kind of data. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Grid cells of the demo tree (scripts/seed.ts) with their station, path and the places their addresses name.
const cells = [
  { cell: 'XH-LY-BLQ-01', station: 'XH-LY', path: '/XH/XH-LY/XH-LY-BLQ/XH-LY-BLQ-01/', places: ['白乐桥村', '白乐桥村东坞'], filedBy: 'demo-grid-ly' },
  { cell: 'XH-LY-BLQ-02', station: 'XH-LY', path: '/XH/XH-LY/XH-LY-BLQ/XH-LY-BLQ-02/', places: ['白乐桥村', '白乐桥村西坞'], filedBy: 'demo-grid-ly' },
  { cell: 'XH-LY-LYS-01', station: 'XH-LY', path: '/XH/XH-LY/XH-LY-LYS/XH-LY-LYS-01/', places: ['灵隐路', '法云弄', '灵隐社区'], filedBy: 'demo-grid-ly' },
  { cell: 'XH-BS-SG-01', station: 'XH-BS', path: '/XH/XH-BS/XH-BS-SG/XH-BS-SG-01/', places: ['曙光路', '保俶路', '宝石山下'], filedBy: 'demo-grid-bs' },
] as const;

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const given = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文辉玲志红波鹏宇浩晨欣怡子轩梓涵一诺雨桐佳琪思雯晓东海燕春梅云飞俊峰'];
const summaries = ['邻里噪音纠纷，双方多次争吵', '宅基地边界争议', '婚姻家庭矛盾，要求调解', '物业费用纠纷', '消费退款争议', '交通事故赔偿协商', '拖欠工资，要求支付', '租房押金未退', '楼上漏水损坏楼下装修', '停车位占用引发冲突'];

/** The search the benchmark times: a full name planted on a few cases; its characters are common in other names too. */
export const plantedName = '林晓雯';
const plantedCases = 5;

// Status mix of a county that has worked for some years: most cases are finished.
const statusMix: [CaseStatus, number][] = [
  ['closed', 0.6],
  ['resolved', 0.14],
  ['open', 0.25],
  ['queued', 0.01],
];
export const overdueShare = 0.05;
const mediatorsPerStation = 8;

export interface SeedFigures {
  cases: number;
  parties: number;
  clocks: number;
  /** Bytes of the search index (the FTS5 table and its shadow tables), by SQLite's dbstat. */
  searchIndexBytes: number;
  overdue: number;
  seconds: number;
  /** Of which: building the indexes dropped for the load. */
  indexSeconds: number;
  fileBytes: number;
}

export async function seedCases(dbFile: string, count: number, now = new Date()): Promise<SeedFigures> {
  const started = performance.now();
  const random = mulberry32(20261123 + count);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const db = new DatabaseSync(dbFile);
  db.exec('PRAGMA synchronous = OFF; PRAGMA cache_size = -1500000; PRAGMA temp_store = MEMORY;');

  // Mediators of each station, so assignees have names as they do in use.
  const mediators: Record<string, string[]> = { 'XH-LY': ['demo-mediator-ly'], 'XH-BS': [] };
  const insertUser = db.prepare('INSERT INTO users (id, name, role, department, jurisdiction_code, token_hash) VALUES (?, ?, ?, NULL, ?, ?)');
  db.exec('BEGIN');
  for (const station of ['XH-LY', 'XH-BS'] as const)
    for (let i = mediators[station]!.length; i < mediatorsPerStation; i++) {
      const id = `bench-mediator-${station.toLowerCase()}-${i}`;
      insertUser.run(id, `${pick(surnames)}${pick(given)}调解员`, 'mediator', station, await sha256Hex(randomToken()));
      mediators[station]!.push(id);
    }
  db.exec('COMMIT');

  // Secondary indexes out for the load, back in afterwards from their own SQL.
  const tables = ['cases', 'parties', 'case_clocks'];
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`)
    .all(...tables) as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);

  const insertCase = db.prepare(
    `INSERT INTO cases (id, case_number, channel, status, category, summary, occurred_at, address, address_key, grid_cell_code,
      jurisdiction_code, jurisdiction_path, risk_flags, channel_details, filed_by, filed_at, filed_day, overdue, workflow_run_id,
      route, hard_case, order_stage, assignee_id, escalation_level, outcome, paused, projected_seq, process_state, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
  );
  const insertParty = db.prepare('INSERT INTO parties (case_id, position, name, role, phone, phone_key, address) VALUES (?, ?, ?, ?, ?, ?, NULL)');
  const insertClock = db.prepare(
    'INSERT INTO case_clocks (case_id, clock, started_at, due_at, warned_at, breached_at, stopped_at, paused_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
  );
  // One row a case under the case's rowid, as intake writes it (db/queries/cases.ts).
  const insertDocument = db.prepare('INSERT INTO case_search (rowid, words, pairs, numbers) SELECT rowid, ?, ?, ? FROM cases WHERE id = ?');

  const nowMs = now.getTime();
  const spanMs = 3 * 365 * 86_400_000; // filed over the last three years
  const counters = new Map<string, number>();
  const planted = new Set(Array.from({ length: plantedCases }, (_, i) => Math.floor(((i + 0.5) * count) / plantedCases)));
  const figures: SeedFigures = { cases: count, parties: 0, clocks: 0, searchIndexBytes: 0, overdue: 0, seconds: 0, indexSeconds: 0, fileBytes: 0 };
  const iso = (ms: number) => new Date(ms).toISOString();
  const batch = 20_000;

  db.exec('BEGIN');
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % batch === 0) db.exec('COMMIT; BEGIN');
    const where = pick(cells);
    const overdue = random() < overdueShare;
    let status: CaseStatus = 'open';
    if (!overdue) {
      let r = random();
      for (const [s, share] of statusMix) if ((r -= share) < 0 || s === 'queued') { status = s; break; }
    }
    // Open and overdue cases are recent; finished ones spread over the years.
    const ageMs = status === 'open' || status === 'queued' ? random() * 60 * 86_400_000 : random() * spanMs;
    const filedMs = nowMs - ageMs;
    const filedAt = iso(filedMs);
    const day = localDay(new Date(filedMs), defaultSlaPolicy.utcOffset);
    const prefix = `${where.station}-${day.replaceAll('-', '')}-`;
    const counter = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, counter);
    const caseNumber = `${prefix}${String(counter).padStart(4, '0')}`;
    const address = `${pick(where.places)} ${1 + Math.floor(random() * 400)} 号${random() < 0.3 ? ` ${1 + Math.floor(random() * 6)}单元` : ''}`;
    // UUID-shaped like the app's ids, but rising with i: every index keyed by case id is then written in order, which
    // took 100,000 cases from ~40 s to ~28 s here. The lists read cases by their own indexes; no plan reads ids in order.
    const id = `${i.toString(16).padStart(8, '0')}${crypto.randomUUID().slice(8)}`;
    const route = status === 'queued' ? null : pick(['grassroots', 'grassroots', 'grassroots', 'judicial', 'joint'] as const);
    const hard = random() < 0.1;
    const assignee = status === 'queued' || random() < 0.15 ? null : pick(mediators[where.station]!);
    const escalation = overdue ? (random() < 0.7 ? 1 : 2) : status === 'open' && random() < 0.02 ? 1 : 0;
    const outcome = status === 'closed' ? pick(['agreement', 'agreement', 'agreement', 'litigation', 'withdrawn', 'not_a_dispute'] as const) : status === 'resolved' ? 'agreement' : null;
    const orderStage = hard ? (status === 'closed' ? 'closed' : status === 'resolved' ? 'resolved' : assignee ? 'accepted' : 'awaiting_dispatch') : null;
    const progress = route ? JSON.stringify({ route: { route, index: 0, startedAt: filedAt, stage: status === 'open' ? 'working' : 'resolved', sessionsScheduled: 1, sessionsHeld: status === 'open' ? 0 : 1, departments: {} }, routesLeft: [], returnVisits: [] }) : null;
    if (overdue) figures.overdue++;
    insertCase.run(
      id, caseNumber, pick(channels), status, pick(categories), pick(summaries), address, addressKey(address), where.cell,
      where.station, where.path, hard && random() < 0.5 ? '["violence"]' : '[]', JSON.stringify({ screenedBy: '王网格员' }), where.filedBy,
      filedAt, day, overdue ? 1 : 0, status === 'queued' ? null : crypto.randomUUID(), route, hard ? 1 : 0, orderStage, assignee, escalation,
      outcome, status === 'queued' ? 0 : 2 + Math.floor(random() * 20), progress, iso(filedMs + random() * (nowMs - filedMs)),
    );

    const partyCount = 1 + Math.floor(random() * 3);
    const partyRows: { name: string; phone: string | null }[] = [];
    for (let p = 0; p < partyCount; p++) {
      const name = planted.has(i) && p === 0 ? plantedName : `${pick(surnames)}${pick(given)}${random() < 0.6 ? pick(given) : ''}`;
      const phone = random() < 0.8 ? `1${pick(['3', '5', '8'])}${String(Math.floor(random() * 1e9)).padStart(9, '0')}` : null;
      insertParty.run(id, p, name, p === 0 ? 'applicant' : p === 1 ? 'respondent' : 'other', phone, phoneKey(phone));
      partyRows.push({ name, phone });
    }
    figures.parties += partyCount;

    // 1–3 clocks: a finished case's are stopped; an overdue one has a breached clock still running.
    const clockCount = 1 + Math.floor(random() * 3);
    const names: ClockName[] = ['firstContact', overdue ? 'resolve' : pick(['resolve', 'accept', 'dispatch'] as const), overdue ? 'escalationAck' : 'followUp'];
    for (let c = 0; c < clockCount; c++) {
      const startedMs = filedMs + c * 3_600_000;
      const running = status === 'open' || status === 'queued' ? c > 0 || clockCount === 1 : status === 'resolved' && c === clockCount - 1;
      const breached = overdue && c === 1;
      const dueMs = breached ? nowMs - random() * 20 * 86_400_000 : startedMs + (1 + random() * 30) * 86_400_000;
      const clockName = status === 'resolved' && running ? 'returnVisit' : names[c]!;
      insertClock.run(
        id, clockName, iso(startedMs), iso(dueMs),
        breached || (running && random() < 0.1) ? iso(Math.min(dueMs, nowMs) - 86_400_000) : null,
        breached ? iso(dueMs) : null,
        running ? null : iso(Math.min(nowMs, startedMs + random() * 10 * 86_400_000)),
      );
      figures.clocks++;
    }

    // The document intake writes: the number's prefix, address and parties, then the counter the write draws.
    const document = caseSearchDocument({ caseNumber: prefix, address, parties: partyRows });
    insertDocument.run(document.words, document.pairs, `${document.numbers}${closedNumber(caseNumber.slice(prefix.length))}`, id);
  }
  db.exec('COMMIT');

  // The lists' copy of each case, by the very statement the edge's writes end with (db/queries/case-listing.ts).
  const listing = queryBuilder().update(cases).set(listingColumns).toSQL();
  db.prepare(listing.sql).run(...(listing.params as (string | number | null)[]));

  const indexing = performance.now();
  for (const { sql } of indexes) db.exec(sql);
  figures.indexSeconds = (performance.now() - indexing) / 1000;
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  const indexPages = db.prepare(`SELECT sum(pgsize) AS bytes FROM dbstat WHERE name = 'case_search' OR name LIKE 'case\\_search\\_%' ESCAPE '\\'`).get() as { bytes: number };
  figures.searchIndexBytes = indexPages.bytes;
  db.close();
  figures.fileBytes = statSync(dbFile).size;
  figures.seconds = (performance.now() - started) / 1000;
  return figures;
}
