/**
 * Does the supervisor's list stay fast as the county grows? For each size a local D1 is migrated as the stack does,
 * filled with that many cases (bench/overdue-seed.ts), and the edge started on it in workerd (`wrangler dev`). Then,
 * as the county's supervisor: the overdue list (GET /api/cases?overdue=1) and a search by a party's name
 * (GET /api/cases?q=…), timed over HTTP; and the same SQL the route runs (built by `listCases`, read through
 * `toSQL()`) sent through the D1 binding of `getPlatformProxy` on the same file, for D1's `meta.rows_read`.
 *
 *   npm run bench:overdue -- [--sizes 1000,100000,1000000] [--requests 30] [--warmup 5]
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getPlatformProxy } from 'wrangler';
import { listCases, type CaseListFilter } from '../db/queries/case-lists';
import { searchMatchExpression, searchPhrases } from '../domain/search-index';
import { caseStatuses, unfinishedStatuses } from '../schemas/vocabulary';
import { queryBuilder } from '../tests/support/d1';
import { testStack, tokenOf } from '../tests/support/stack';
import type { Stack } from '../scripts/stack';
import { oneDecimal, percentile, positiveInt } from './support/figures';
import { localD1File, overdueShare, plantedName, seedCases, type SeedFigures } from './overdue-seed';

const targetRowsPerRow = 2;
/** A search index of at most this many bytes a case keeps a million cases far inside D1's 10 GB a database. */
const targetSearchBytesPerCase = 3_000;
const targetGrowth = 3;

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,100000,1000000' },
    requests: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
  },
});
const sizes = flags.sizes.split(',').map((s) => positiveInt(s.trim(), '--sizes'));
const requests = positiveInt(flags.requests, '--requests');
const warmup = positiveInt(flags.warmup, '--warmup');

const supervisor = 'demo-supervisor-xh';
// The county supervisor sees the whole county: the filter GET /api/cases builds for them (GET /api/cases).
const county = { jurisdictionPath: '/XH/', statuses: unfinishedStatuses, sort: 'overdue', limit: 101 } as const satisfies CaseListFilter;
const queries = [
  { name: 'overdue list', path: '/api/cases?overdue=1', filter: { ...county, overdueOnly: true } },
  // A search looks among all cases, finished ones too, as the route does (GET /api/cases).
  { name: `search q=${plantedName}`, path: `/api/cases?q=${encodeURIComponent(plantedName)}`, filter: { ...county, statuses: caseStatuses, searchMatch: searchMatchExpression(searchPhrases(plantedName)) } },
] as const satisfies { name: string; path: string; filter: CaseListFilter }[];

interface Measured {
  p50: number;
  p95: number;
  httpRows: number;
  failures: number;
  rowsRead: number;
  rowsReturned: number;
  sqlDurationMs: number;
  plan: string[];
  /** What the query cannot avoid reading whatever its plan: see `floors` below. */
  floor: string;
}
interface SizeResult {
  size: number;
  seed: SeedFigures;
  edgeStartSeconds: number;
  byQuery: Map<string, Measured>;
}

/** rows_read and the plan of the route's own SQL, through the D1 binding on the same local file, edge not yet up. */
async function d1Meta(stack: Stack) {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: { path: `${stack.options.dataDir}/wrangler/v3` }, remoteBindings: false });
  try {
    const out = new Map<string, { rowsRead: number; rowsReturned: number; sqlDurationMs: number; plan: string[]; floor: string }>();
    const count = async (sql: string, ...params: unknown[]) => (await proxy.env.DB.prepare(sql).bind(...params).first<{ n: number }>())!.n;
    // For reading the figures: how many cases the overdue list must order, and how many cases hold each character of the name.
    const floors: Record<(typeof queries)[number]['name'], string> = {
      'overdue list': `${await count(`SELECT count(*) AS n FROM cases WHERE overdue = 1 AND status IN ('queued', 'open', 'resolved')`)} overdue unfinished cases to order`,
      [`search q=${plantedName}`]: `${(
        await Promise.all(
          // One character is shorter than a trigram: LIKE reads the whole index, fine for a figure read once.
          [...plantedName].map(async (char) => `${char}: ${await count('SELECT count(*) AS n FROM case_search WHERE words LIKE ?', `%${char}%`)}`),
        )
      ).join(', ')} cases holding each character of the name; ${await count(`SELECT count(*) AS n FROM cases WHERE status IN ('queued', 'open', 'resolved')`)} unfinished cases in the county`,
    };
    for (const query of queries) {
      const { sql, params } = listCases(queryBuilder(), query.filter).toSQL();
      // Once to warm the page cache, then the figures of a second run.
      await proxy.env.DB.prepare(sql).bind(...params).all();
      const result = await proxy.env.DB.prepare(sql).bind(...params).all();
      const plan = await proxy.env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
      out.set(query.name, {
        rowsRead: result.meta.rows_read,
        rowsReturned: result.results.length,
        sqlDurationMs: result.meta.duration,
        plan: plan.results.map((row) => row.detail),
        floor: floors[query.name],
      });
    }
    return out;
  } finally {
    await proxy.dispose();
  }
}

async function timeOverHttp(stack: Stack, path: string) {
  const token = tokenOf(stack, supervisor);
  const once = async () => {
    const t0 = performance.now();
    const response = await fetch(`${stack.edgeUrl}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(120_000) });
    const text = await response.text();
    const ms = performance.now() - t0;
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${text.slice(0, 200)}`);
    return { ms, rows: (JSON.parse(text) as { rows: unknown[] }).rows.length };
  };
  for (let i = 0; i < warmup; i++) await once();
  const latencies: number[] = [];
  let rows = 0;
  let failures = 0;
  for (let i = 0; i < requests; i++) {
    try {
      const answer = await once();
      latencies.push(answer.ms);
      rows = answer.rows;
    } catch (error) {
      failures++;
      if (failures === 1) console.log(`  ${(error as Error).message}`);
    }
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), httpRows: rows, failures };
}

// Interrupted, the running size's processes and data directory go too. Synchronously, and ahead of the handlers the
// imported wrangler installs, which end the process at once.
let current: Stack | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.prependListener(signal, () => {
    writeSync(2, `\n${signal}: stopping this run's wrangler processes and removing ${current?.options.dataDir ?? 'nothing'}\n`);
    if (current) {
      const children = (current as unknown as { children: Map<string, ChildProcess> }).children;
      for (const child of children.values()) child.kill('SIGTERM');
      rmSync(current.options.dataDir, { recursive: true, force: true });
    }
    process.exit(130);
  });

async function runSize(size: number): Promise<SizeResult> {
  const stack = await testStack({ outboxDrainMs: 3_600_000 });
  current = stack;
  try {
    console.log(`\n── ${size.toLocaleString('en')} cases (data in ${stack.options.dataDir}) ──`);
    await stack.prepareDatabase();
    const seed = await seedCases(localD1File(`${stack.options.dataDir}/wrangler`), size);
    console.log(
      `Seeded in ${seed.seconds.toFixed(1)} s (indexes ${seed.indexSeconds.toFixed(1)} s of it): ${seed.cases} cases (${seed.overdue} overdue), ${seed.parties} parties, ${seed.clocks} clocks, search index ${(seed.searchIndexBytes / 1e6).toFixed(1)} MB (${Math.round(seed.searchIndexBytes / seed.cases).toLocaleString('en')} bytes a case); D1 file ${(seed.fileBytes / 1e6).toFixed(0)} MB`,
    );
    const meta = await d1Meta(stack);
    const t0 = performance.now();
    await stack.startEdge();
    const edgeStartSeconds = (performance.now() - t0) / 1000;
    const byQuery = new Map<string, Measured>();
    for (const query of queries) {
      console.log(`Timing ${query.name}: ${warmup} warm-up, ${requests} requests …`);
      byQuery.set(query.name, { ...(await timeOverHttp(stack, query.path)), ...meta.get(query.name)! });
    }
    return { size, seed, edgeStartSeconds, byQuery };
  } finally {
    await stack.stop();
    current = undefined;
  }
}

const results: SizeResult[] = [];
try {
  for (const size of sizes) {
    const result = await runSize(size);
    results.push(result);
    console.log(`\n${size.toLocaleString('en')} cases: seeded in ${result.seed.seconds.toFixed(1)} s, edge up in ${result.edgeStartSeconds.toFixed(1)} s`);
    console.table(
      Object.fromEntries(
        [...result.byQuery].map(([name, m]) => [
          name,
          {
            'p50 ms': oneDecimal(m.p50),
            'p95 ms': oneDecimal(m.p95),
            'rows (HTTP)': m.httpRows,
            'rows_read': m.rowsRead,
            'rows_returned': m.rowsReturned,
            'read/returned': oneDecimal(m.rowsRead / Math.max(1, m.rowsReturned)),
            'D1 ms': oneDecimal(m.sqlDurationMs),
            failures: m.failures,
          },
        ]),
      ),
    );
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}

if (results.length) {
  console.log(`\nTargets: rows_read / rows_returned ≤ ${targetRowsPerRow}; latency at the largest size ≤ ${targetGrowth}× latency at the smallest.`);
  console.log(`(${overdueShare * 100}% of cases overdue; the search is a full name planted on 5 cases, its characters common in other names.)\n`);
  const smallest = results[0]!;
  const largest = results.at(-1)!;
  const misses: string[] = [];
  for (const r of results) {
    const perCase = r.seed.searchIndexBytes / r.seed.cases;
    const ok = perCase <= targetSearchBytesPerCase;
    console.log(`search index @ ${r.size.toLocaleString('en')}: ${Math.round(perCase).toLocaleString('en')} bytes a case (target ≤ ${targetSearchBytesPerCase.toLocaleString('en')}): ${ok ? 'MET' : 'MISSED'}`);
    if (!ok) misses.push(`search index @ ${r.size}: ${Math.round(perCase)} bytes a case`);
  }
  for (const query of queries) {
    for (const r of results) {
      const m = r.byQuery.get(query.name)!;
      const ratio = m.rowsRead / Math.max(1, m.rowsReturned);
      const ok = ratio <= targetRowsPerRow;
      console.log(`${query.name} @ ${r.size.toLocaleString('en')}: rows_read/rows_returned = ${m.rowsRead}/${m.rowsReturned} = ${oneDecimal(ratio)} (target ≤ ${targetRowsPerRow}): ${ok ? 'MET' : 'MISSED'}`);
      if (!ok) misses.push(`${query.name} @ ${r.size}: reads ${oneDecimal(ratio)} rows per row returned`);
    }
    if (largest !== smallest) {
      const a = smallest.byQuery.get(query.name)!;
      const b = largest.byQuery.get(query.name)!;
      const growth50 = b.p50 / a.p50;
      const growth95 = b.p95 / a.p95;
      const ok = growth50 <= targetGrowth && growth95 <= targetGrowth;
      console.log(
        `${query.name}: ${largest.size.toLocaleString('en')}/${smallest.size.toLocaleString('en')} latency p50 ${oneDecimal(growth50)}×, p95 ${oneDecimal(growth95)}× (target ≤ ${targetGrowth}×): ${ok ? 'MET' : 'MISSED'}`,
      );
      if (!ok) misses.push(`${query.name}: p50 ${oneDecimal(growth50)}×, p95 ${oneDecimal(growth95)}× from ${smallest.size} to ${largest.size} cases`);
    }
    const m = largest.byQuery.get(query.name)!;
    const plan = m.plan;
    console.log(`  at ${largest.size.toLocaleString('en')}: ${m.floor}`);
    console.log(`  plan at ${largest.size.toLocaleString('en')}:\n    ${plan.join('\n    ')}\n`);
  }
  console.log(misses.length ? `TARGETS MISSED:\n  ${misses.join('\n  ')}` : 'All targets met.');
}
