import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupSettings, postgresTool, temporalDatabases, type BackupSettings } from './backup-settings';
import { describePart, dumpFileName, manifestFileName, readSqliteCopy, setName, setTime, sqliteFileName, type BackupPart, type Manifest } from './backup-set';
import { openSqliteFile } from './database';
import { appliedCount } from './migrations';

/**
 * `npm run backup`: one backup set of a county's data under FENGQIAO_BACKUP_DIR, then sets older than
 * FENGQIAO_BACKUP_KEEP_DAYS are removed. `npm run restore` (server/restore.ts) puts a set back.
 *
 * The order of the parts. The SQLite file and Temporal's history cannot be taken at one instant, and whatever happens
 * between the two snapshots is in one and not in the other. The file goes first, then Temporal's history:
 * - A case in the file has its workflow in the dump, or else its start row is still open in the file's outbox (the
 *   row closes only on the workflow's first report, which comes after the start). The restored edge's drain starts
 *   such a case again, and Temporal answers a start of a workflow ID it holds with the run it has: no case is left
 *   without its workflow and its clocks.
 * - A workflow in the dump whose case the file lacks was filed after the set's moment, and is not restored. Its
 *   reports are refused (404, not retried), and no later case takes its ID: case IDs are random UUIDs.
 * - A report delivered between the snapshots is in the history but not in the file: that one timeline row is
 *   missing, and the case itself catches up with the workflow's next report, which carries the whole projection.
 * The other order would keep cases whose first report had closed their start row while their workflow is not in the
 * dump: open cases that no workflow runs and nothing starts again. And a step taken between the snapshots would be in
 * the file but not in the history, so the workflow would number its next reports over rows the file already holds,
 * and they would be dropped as repeats. Nothing runs between the two parts, to keep that window short: VACUUM INTO
 * copies one read snapshot of the file, and pg_dump takes its own snapshot as it begins.
 */

/** One set, written under a hidden name and renamed when whole, so a set that is there is complete. */
export async function takeBackup(settings: BackupSettings, at = new Date()): Promise<{ dir: string; manifest: Manifest }> {
  const dir = join(settings.backupDir, setName(at));
  const partial = join(settings.backupDir, `.${setName(at)}.partial`);
  mkdirSync(partial, { recursive: true });
  try {
    const parts: BackupPart[] = [];
    const sqliteAt = new Date();
    await copySqliteFile(settings.databaseFile, join(partial, sqliteFileName));
    parts.push(await describePart(partial, sqliteFileName, 'sqlite', sqliteAt));
    for (const database of temporalDatabases) {
      const dumpAt = new Date();
      // -Fc: compressed, and pg_restore can recreate the database from it (--create).
      await postgresTool(settings.env, 'pg_dump', ['-Fc', '-d', database, '-f', join(partial, dumpFileName(database))]);
      parts.push(await describePart(partial, dumpFileName(database), database, dumpAt));
    }
    const appVersion = await readSqliteCopy(join(partial, sqliteFileName), appliedCount);
    const manifest: Manifest = { takenAt: at.toISOString(), appVersion, parts };
    writeFileSync(join(partial, manifestFileName), `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(partial, dir);
    return { dir, manifest };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * VACUUM INTO writes a consistent copy from one read transaction, beside edges that go on writing (WAL lets a reader
 * and a writer overlap), and the copy is whole in itself: no -wal file to carry along.
 */
async function copySqliteFile(databaseFile: string, copy: string) {
  // Opening a file that is not there would create an empty one, and back that up.
  if (!existsSync(databaseFile)) throw new Error(`${databaseFile} does not exist; FENGQIAO_DATABASE must name the edges' SQLite file.`);
  const { client } = await openSqliteFile(databaseFile);
  try {
    await client.execute({ sql: 'VACUUM INTO ?', args: [copy] });
  } finally {
    client.close();
  }
}

/** A set left half-written by a backup that died is older than any backup takes. */
const partialGraceMs = 24 * 3600_000;

/** Removes the sets older than `keepDays`; only directories named as sets are touched. Answers the names removed. */
export function pruneBackups({ backupDir, keepDays }: Pick<BackupSettings, 'backupDir' | 'keepDays'>, now = new Date()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(backupDir)) {
    const partial = /^\.(.+)\.partial$/.exec(name)?.[1];
    const takenAt = setTime(partial ?? name);
    if (!takenAt) continue;
    const keepMs = partial ? partialGraceMs : keepDays * 86_400_000;
    if (now.getTime() - takenAt.getTime() <= keepMs) continue;
    rmSync(join(backupDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

const sizes = (manifest: Manifest) => manifest.parts.map((part) => `${part.file} ${(part.bytes / 1024).toFixed(0)} KiB`).join(', ');

/** A backup and the pruning after it, told as one line. */
async function backupAndPrune(settings: BackupSettings): Promise<string> {
  const began = Date.now();
  const { dir, manifest } = await takeBackup(settings);
  const removed = pruneBackups(settings);
  const pruned = removed.length ? `; removed ${removed.length} set(s) older than ${settings.keepDays} days` : '';
  return `backup ${dir} in ${((Date.now() - began) / 1000).toFixed(1)} s: ${sizes(manifest)}${pruned}`;
}

export interface BackupSchedule {
  /** Between the start of one backup and the next. */
  everyMs: number;
  /** Where the settings come from (server/backup-settings.ts); the process's own environment unless given. */
  env?: NodeJS.ProcessEnv;
  /** Each backup's outcome, as a line; a failed backup is told and the next one tried on time. */
  log?: (line: string, failed: boolean) => void;
}

/**
 * Backups on a timer, for `npm run serve` (a county's servers use a systemd timer running `npm run backup` instead).
 * Settings are read at once, so a wrong environment fails the start rather than the first backup. Answers a stop
 * that waits for a backup under way.
 */
export function scheduleBackups({ everyMs, env = process.env, log = (line, failed) => (failed ? console.error : console.log)(line) }: BackupSchedule): () => Promise<void> {
  const settings = backupSettings(env);
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = backupAndPrune(settings)
      .then((line) => log(line, false), (error: unknown) => log(`backup failed: ${error instanceof Error ? error.message : error}`, true))
      .finally(() => (running = undefined));
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    console.log(await backupAndPrune(backupSettings(process.env)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
