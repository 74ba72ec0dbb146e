import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresTool, restoreSettings, type BackupSettings } from './backup-settings';
import { readSqliteCopy, sqliteFileName, verifiedManifest, type Manifest } from './backup-set';
import { migrationsBehind } from './migrations';

/**
 * `npm run restore -- <set> [--force]`: puts a backup set (server/backup.ts) back: the SQLite file at
 * FENGQIAO_DATABASE, Temporal's databases into the PostgreSQL that PG* names. Every edge, worker and the Temporal
 * server must be stopped; PostgreSQL must run. Nothing is touched until the whole set has been checked, and the
 * SQLite file, which the edges would start on, is put in place last.
 */
export async function restoreBackup(setDir: string, settings: Pick<BackupSettings, 'databaseFile' | 'env'>, { force = false } = {}) {
  const manifest = await verifiedManifest(setDir);
  const { databaseFile, env } = settings;
  const databases = manifest.parts.filter((part) => part.source !== 'sqlite').map((part) => part.source);
  if (!force) await refuseToReplace(databaseFile, databases, env);

  // Beside its destination, so that putting it in place is a rename: an edge never finds half a file.
  mkdirSync(dirname(databaseFile), { recursive: true });
  const staged = `${databaseFile}.restoring`;
  copyFileSync(join(setDir, sqliteFileName), staged);
  const behind = await readSqliteCopy(staged, migrationsBehind);
  if (behind < 0) {
    rmSync(staged);
    throw new Error(`The set was taken by a newer version of Fengqiao (${manifest.appVersion} migrations, this one has ${manifest.appVersion + behind}); restore it with that version.`);
  }

  for (const part of manifest.parts.filter((each) => each.source !== 'sqlite')) {
    // --create with --clean drops the database and creates it anew from the dump; PostgreSQL refuses the drop while
    // anyone is connected, so a running Temporal server stops the restore here rather than losing its database.
    // --no-owner: the objects belong to whoever restores, the user the county's Temporal connects as.
    await postgresTool(env, 'pg_restore', ['--clean', '--if-exists', '--create', '--no-owner', '--exit-on-error', '-d', 'postgres', join(setDir, part.file)]);
  }

  // A write-ahead log left from the file replaced would be replayed into the restored one and corrupt it.
  for (const leftover of [`${databaseFile}-wal`, `${databaseFile}-shm`]) rmSync(leftover, { force: true });
  renameSync(staged, databaseFile);
  return { manifest, migrationsBehind: behind };
}

async function refuseToReplace(databaseFile: string, databases: string[], env: NodeJS.ProcessEnv) {
  const there: string[] = [databaseFile, `${databaseFile}-wal`].filter((path) => existsSync(path));
  const names = databases.map((name) => `'${name.replaceAll("'", "''")}'`).join(', ');
  const listed = await postgresTool(env, 'psql', ['-X', '-A', '-t', '-d', 'postgres', '-c', `select datname from pg_database where datname in (${names})`]);
  there.push(...listed.split('\n').filter(Boolean).map((name) => `PostgreSQL database ${name}`));
  if (there.length) throw new Error(`Not restoring over data that is there: ${there.join(', ')}. Stop everything that uses it and run again with --force to replace it.`);
}

const describe = (manifest: Manifest) =>
  manifest.parts.map((part) => `${part.source} (${(part.bytes / 1024).toFixed(0)} KiB, taken ${part.takenAt})`).join(', ');

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const sets = args.filter((arg) => arg !== '--force');
  try {
    if (sets.length !== 1) throw new Error('Usage: npm run restore -- <backup set directory> [--force]');
    const settings = restoreSettings(process.env);
    const { manifest, migrationsBehind: behind } = await restoreBackup(resolve(sets[0]!), settings, { force: args.includes('--force') });
    console.log(`restored ${describe(manifest)}; ${settings.databaseFile} is the set's file.`);
    console.log(
      behind > 0
        ? `The file is ${behind} migration(s) behind this version: run \`npm run migrate\`, then start the Temporal server, the workers and the edges.`
        : 'Start the Temporal server, the workers and the edges.',
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
