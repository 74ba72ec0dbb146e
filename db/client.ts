import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { drizzle } from 'drizzle-orm/d1';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';

/**
 * The data, whichever SQLite holds it: D1 on Cloudflare, or a SQLite file through libSQL on a county's servers
 * (server/database.ts). Both run the same queries, and both run a batch as one transaction.
 */
export type Database = BaseSQLiteDatabase<'async', unknown, typeof schema> & Pick<DrizzleD1Database<typeof schema>, 'batch'>;

export const openDatabase = (d1: D1Database): Database => drizzle(d1, { schema });

export { schema };
