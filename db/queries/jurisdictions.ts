import { and, asc, eq, sql, type Column, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { apiTokens, cases, jurisdictions, users } from '../schema';

/**
 * A path column at or below a path, as a range (paths end in '/', and '0' follows '/'), so the column's index can
 * serve it; a LIKE would read '_' in codes as a wildcard, and `substr` would read every row.
 */
export const pathWithin = (column: Column | SQL, path: string) =>
  sql`${column} >= ${path} and ${column} < ${`${path.slice(0, -1)}${String.fromCharCode(path.charCodeAt(path.length - 1) + 1)}`}`;

/** Cases at or below a jurisdiction path. */
export const caseWithin = (path: string) => pathWithin(cases.jurisdictionPath, path);

export async function findJurisdiction(db: Database, code: string) {
  const [row] = await db.select().from(jurisdictions).where(eq(jurisdictions.code, code));
  return row;
}

/** The tree at and below a path, parents before their children. */
export const listJurisdictionsWithin = (db: Database, path: string) =>
  db.select().from(jurisdictions).where(pathWithin(jurisdictions.path, path)).orderBy(asc(jurisdictions.path));

export async function insertJurisdiction(db: Database, row: typeof jurisdictions.$inferInsert) {
  const [inserted] = await db.insert(jurisdictions).values(row).returning();
  return inserted!;
}

export async function renameJurisdiction(db: Database, code: string, name: string) {
  const [renamed] = await db.update(jurisdictions).set({ name }).where(eq(jurisdictions.code, code)).returning();
  return renamed;
}

/** The counties, each the top of its own tree. */
export const listCounties = (db: Database, code?: string) =>
  db
    .select()
    .from(jurisdictions)
    .where(and(eq(jurisdictions.level, 'county'), code === undefined ? undefined : eq(jurisdictions.code, code)))
    .orderBy(asc(jurisdictions.code));

/** A county and its first admin in one D1 batch: either both are written or neither. */
export async function insertCountyWithAdmin(
  db: Database,
  county: typeof jurisdictions.$inferInsert,
  admin: Omit<typeof users.$inferInsert, 'disabledAt' | 'createdAt'>,
  adminToken: Omit<typeof apiTokens.$inferInsert, 'lastUsedAt' | 'revokedAt'>,
) {
  await db.batch([db.insert(jurisdictions).values(county), db.insert(users).values(admin), db.insert(apiTokens).values(adminToken)]);
}
