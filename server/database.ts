import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { schema } from '../db/client';

/** How long a write waits for another edge process's write to end before it fails. */
const busyTimeoutMs = 5_000;

export interface SqliteFile {
  /** A `Database` (db/client.ts) for the app, and what drizzle's migrator takes. */
  db: LibSQLDatabase<typeof schema>;
  client: Client;
}

/**
 * The county's database: one SQLite file that several edge processes share. A write-ahead log lets readers go on
 * while one writes; each write waits its turn (the busy timeout) instead of failing. One connection a process is no
 * loss: the driver runs each statement synchronously on the event loop anyway.
 */
export async function openSqliteFile(path: string): Promise<SqliteFile> {
  const client = createClient({ url: `file:${path}`, concurrency: 1, timeout: busyTimeoutMs });
  // D1 enforces foreign keys; SQLite does only when asked, once per connection.
  await client.execute('PRAGMA foreign_keys = ON');
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA synchronous = NORMAL');
  const batch = client.batch.bind(client);
  // A batch takes the write lock as it begins (BEGIN IMMEDIATE), as D1's do: a deferred one that read first could
  // find another process had written meanwhile and fail at once, busy timeout or not.
  client.batch = (statements, mode = 'write') => batch(statements, mode);
  return { db: drizzle(client, { schema }), client };
}
