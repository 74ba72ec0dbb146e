import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { SqliteFile } from './database';

/** The same migrations wrangler applies to D1, applied to the county's file by drizzle's migrator. */
const migrationsFolder = join(fileURLToPath(new URL('..', import.meta.url)), 'db', 'migrations');
const migrationsTable = '__drizzle_migrations';

export async function applyMigrations(db: SqliteFile['db']): Promise<{ applied: number; total: number }> {
  const before = await appliedCount(db);
  await migrate(db, { migrationsFolder, migrationsTable });
  return { applied: (await appliedCount(db)) - before, total: readMigrationFiles({ migrationsFolder }).length };
}

export async function appliedCount(db: SqliteFile['db']): Promise<number> {
  const table = await db.get<{ n: number }>(sql`select count(*) as n from sqlite_master where type = 'table' and name = ${migrationsTable}`);
  if (!table?.n) return 0;
  return (await db.get<{ n: number }>(sql.raw(`select count(*) as n from ${migrationsTable}`)))!.n;
}

/** How many migrations this version of the app has that the file has not had yet. */
export async function migrationsBehind(db: SqliteFile['db']): Promise<number> {
  return readMigrationFiles({ migrationsFolder }).length - (await appliedCount(db));
}
