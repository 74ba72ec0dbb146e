import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../db/schema';
import { projectRoot } from '../../scripts/temporal-cli';

/** drizzle over no database: enough to build a query and read its SQL (`toSQL()`), which is all the plan tests need. */
export const queryBuilder = () => drizzle({} as D1Database, { schema });

type Param = string | number | boolean | null;

/** A parameter as a literal, for `wrangler d1 execute`, which takes no bound parameters. */
const literal = (value: unknown) => {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `'${String(value).replaceAll("'", "''")}'`;
};

/** The statement with each `?` outside a quoted literal replaced by its parameter. */
export function inlineParams(sql: string, params: readonly unknown[]): string {
  let next = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (token) => (token === '?' ? literal(params[next++] as Param) : token));
}

/**
 * EXPLAIN QUERY PLAN of a statement, run by wrangler against the local D1 under `dataDir`: the same engine and file
 * the Worker reads in `wrangler dev`. One statement a run: given several, wrangler answers for the last alone.
 */
export async function explainOnLocalD1(dataDir: string, { sql, params }: { sql: string; params: readonly unknown[] }): Promise<string[]> {
  const wrangler = join(projectRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
  const command = `EXPLAIN QUERY PLAN ${inlineParams(sql, params)}`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [wrangler, 'd1', 'execute', 'DB', '--local', '--persist-to', join(dataDir, 'wrangler'), '--json', '--command', command],
    { cwd: projectRoot, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 },
  );
  const [result] = JSON.parse(stdout) as { results: { detail: string }[] }[];
  return result!.results.map((row) => row.detail);
}
