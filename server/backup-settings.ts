import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as v from 'valibot';

/**
 * What backup and restore read from the environment (deploy/fengqiao.env): the SQLite file the edges share, where the
 * sets go, how long they are kept, and where PostgreSQL's client tools are. The connection to PostgreSQL is libpq's
 * own PGHOST, PGPORT, PGUSER and PGPASSWORD (or ~/.pgpass), which pg_dump, pg_restore and psql read themselves.
 */
const namesTheFile = 'FENGQIAO_DATABASE must name the SQLite file';
const backupEnvSchema = v.object({
  FENGQIAO_DATABASE: v.pipe(v.string(namesTheFile), v.nonEmpty(namesTheFile)),
  FENGQIAO_BACKUP_DIR: v.optional(v.pipe(v.string(), v.nonEmpty('FENGQIAO_BACKUP_DIR must name the directory the backup sets go in'))),
  FENGQIAO_BACKUP_KEEP_DAYS: v.pipe(v.optional(v.string(), '14'), v.transform(Number), v.number('FENGQIAO_BACKUP_KEEP_DAYS must be a number of days'), v.minValue(1)),
  /** PostgreSQL's bin directory, as scripts/postgres.ts reads it; unset, the tools on PATH. */
  PG_BIN: v.optional(v.pipe(v.string(), v.nonEmpty('PG_BIN must name PostgreSQL\'s bin directory, or be unset'))),
});

/**
 * Temporal's two databases, as the county's server config names them: history first, then visibility. Visibility is
 * derived from history; dumped second, it lists nothing the history dump lacks but workflows started in between,
 * and those belong to cases filed after the SQLite file was taken (server/backup.ts says why the file goes first).
 */
export const temporalDatabases = ['temporal', 'temporal_visibility'] as const;

export interface BackupSettings {
  databaseFile: string;
  backupDir: string;
  keepDays: number;
  env: NodeJS.ProcessEnv;
}

function parsed(env: NodeJS.ProcessEnv) {
  const result = v.safeParse(backupEnvSchema, env);
  if (!result.success) throw new Error(`The backup's environment is not right:\n${result.issues.map((issue) => `  ${v.getDotPath(issue) ?? ''}: ${issue.message}`).join('\n')}`);
  return result.output;
}

export function backupSettings(env: NodeJS.ProcessEnv): BackupSettings {
  const { FENGQIAO_DATABASE, FENGQIAO_BACKUP_DIR, FENGQIAO_BACKUP_KEEP_DAYS } = parsed(env);
  if (!FENGQIAO_BACKUP_DIR) throw new Error('Set FENGQIAO_BACKUP_DIR to the directory the backup sets go in (see deploy/fengqiao.env).');
  return { databaseFile: resolve(FENGQIAO_DATABASE), backupDir: resolve(FENGQIAO_BACKUP_DIR), keepDays: FENGQIAO_BACKUP_KEEP_DAYS, env };
}

export function restoreSettings(env: NodeJS.ProcessEnv): Pick<BackupSettings, 'databaseFile' | 'env'> {
  return { databaseFile: resolve(parsed(env).FENGQIAO_DATABASE), env };
}

const run = promisify(execFile);

/** Runs one of PostgreSQL's client tools against the configured server; its error output becomes the failure's message. */
export async function postgresTool(env: NodeJS.ProcessEnv, name: 'pg_dump' | 'pg_restore' | 'psql', args: string[]): Promise<string> {
  const binary = env.PG_BIN ? join(env.PG_BIN, name) : name;
  try {
    // -w: never wait for a password on a terminal nobody watches; it comes from PGPASSWORD or ~/.pgpass, or not at all.
    const { stdout } = await run(binary, ['-w', ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${name} ${args.join(' ')} failed: ${stderr?.trim() || message}`);
  }
}
