import { and, asc, count, eq, inArray, isNull, sql, type Column, type SQL } from 'drizzle-orm';
import { unfinishedStatuses } from '../../schemas/vocabulary';
import type { Database } from '../client';
import { apiTokens, batches, caseReads, cases, jurisdictions, users, type JurisdictionRow } from '../schema';

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

/** The places with these codes, anywhere: an import asks whether its codes are taken, in any county. */
export async function findJurisdictionsByCode(db: Database, codes: readonly string[]) {
  const found: JurisdictionRow[] = [];
  // D1 binds at most 100 parameters to a statement.
  for (let at = 0; at < codes.length; at += 90) found.push(...(await db.select().from(jurisdictions).where(inArray(jurisdictions.code, codes.slice(at, at + 90)))));
  return found;
}

/**
 * How many active people each place has, and how many unfinished cases each grid cell holds, within a path: two
 * grouped reads over indexed columns, for the tree page.
 */
export async function countsWithin(db: Database, path: string) {
  const [people, open] = await Promise.all([
    db
      .select({ code: users.jurisdictionCode, count: count() })
      .from(users)
      .innerJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code))
      .where(and(pathWithin(jurisdictions.path, path), isNull(users.disabledAt)))
      .groupBy(users.jurisdictionCode),
    db
      .select({ code: cases.gridCellCode, count: count() })
      .from(cases)
      .where(and(inArray(cases.status, unfinishedStatuses), caseWithin(path)))
      .groupBy(cases.gridCellCode),
  ]);
  return { people: new Map(people.map((row) => [row.code, row.count])), openCases: new Map(open.map((row) => [row.code, row.count])) };
}

/** What still works at a place: its places below that are not retired, its people who are not disabled. */
export async function activeBelow(db: Database, code: string) {
  const [[children], [people]] = await Promise.all([
    db.select({ count: count() }).from(jurisdictions).where(and(eq(jurisdictions.parentCode, code), isNull(jurisdictions.retiredAt))),
    db.select({ count: count() }).from(users).where(and(eq(users.jurisdictionCode, code), isNull(users.disabledAt))),
  ]);
  return { activeChildren: children?.count ?? 0, activeUsers: people?.count ?? 0 };
}

/** Retires a place that is not retired yet; undefined when it was (or is gone). */
export async function retireJurisdiction(db: Database, code: string, at: string) {
  const [retired] = await db
    .update(jurisdictions)
    .set({ retiredAt: at })
    .where(and(eq(jurisdictions.code, code), isNull(jurisdictions.retiredAt)))
    .returning();
  return retired;
}

/** Every stored path at or below `from`, rewritten to start with `to` instead. */
const rewritePath = (column: Column, from: string, to: string) => sql`${to} || substr(${column}, ${from.length + 1})`;

/**
 * A place and everything below it move to `to` in one D1 batch: the places' paths and, since reads are checked by
 * path, the cases, the case reads and the batches kept at those places. Codes do not change: a case keeps its grid
 * cell, and the station it was numbered in.
 */
export async function moveJurisdiction(db: Database, place: { code: string; path: string }, parentCode: string, to: string) {
  const from = place.path;
  await db.batch([
    db.update(jurisdictions).set({ parentCode }).where(eq(jurisdictions.code, place.code)),
    db.update(jurisdictions).set({ path: rewritePath(jurisdictions.path, from, to) }).where(pathWithin(jurisdictions.path, from)),
    db.update(cases).set({ jurisdictionPath: rewritePath(cases.jurisdictionPath, from, to) }).where(caseWithin(from)),
    db.update(caseReads).set({ jurisdictionPath: rewritePath(caseReads.jurisdictionPath, from, to) }).where(pathWithin(caseReads.jurisdictionPath, from)),
    db.update(batches).set({ jurisdictionPath: rewritePath(batches.jurisdictionPath, from, to) }).where(pathWithin(batches.jurisdictionPath, from)),
  ]);
  return findJurisdiction(db, place.code);
}

/** Grid cells from an import, all in one D1 batch: every row or none. */
export async function insertJurisdictions(db: Database, rows: readonly (typeof jurisdictions.$inferInsert)[]) {
  const [first, ...rest] = rows.map((row) => db.insert(jurisdictions).values(row));
  if (first) await db.batch([first, ...rest]);
}
