import { and, asc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../schemas/vocabulary';
import type { Database } from '../client';
import { cases, jurisdictions, sessions, users } from '../schema';
import { refreshAssigneeName } from './case-listing';
import { pathWithin } from './jurisdictions';

const userWithJurisdiction = {
  id: users.id,
  name: users.name,
  role: users.role,
  department: users.department,
  jurisdictionCode: users.jurisdictionCode,
  jurisdictionPath: jurisdictions.path,
};

/** A disabled user signs nobody in and is dispatched nothing; they stay on the timelines they wrote. */
const active = isNull(users.disabledAt);

async function findUserWhere(db: Database, where: SQL) {
  const [user] = await db
    .select(userWithJurisdiction)
    .from(users)
    .innerJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code))
    .where(and(where, active));
  return user;
}

export const findUserByTokenHash = (db: Database, tokenHash: string) => findUserWhere(db, eq(users.tokenHash, tokenHash));

/** A user with the path of their jurisdiction, to check that a mediator may be dispatched to a case. */
export const findUserById = (db: Database, id: string) => findUserWhere(db, eq(users.id, id));

export async function findUserBySession(db: Database, sessionHash: string, now: string) {
  const [user] = await db
    .select(userWithJurisdiction)
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .innerJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code))
    .where(and(eq(sessions.tokenHash, sessionHash), gt(sessions.expiresAt, now), active));
  return user;
}

export async function createSession(db: Database, sessionHash: string, userId: string, expiresAt: string) {
  await db.insert(sessions).values({ tokenHash: sessionHash, userId, expiresAt });
}

export type SignedInUser = NonNullable<Awaited<ReturnType<typeof findUserByTokenHash>>>;

export async function deleteSession(db: Database, sessionHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, sessionHash));
}

/** A user as an admin sees them: everything but the token's hash, disabled or not. */
const userRecord = { ...userWithJurisdiction, disabledAt: users.disabledAt, createdAt: users.createdAt };

const userRecords = (db: Database) =>
  db.select(userRecord).from(users).innerJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code));

export const listUsersWithin = (db: Database, path: string) =>
  userRecords(db).where(pathWithin(jurisdictions.path, path)).orderBy(asc(jurisdictions.path), asc(users.id));

export async function findUserRecord(db: Database, id: string) {
  const [user] = await userRecords(db).where(eq(users.id, id));
  return user;
}

export type UserRecord = NonNullable<Awaited<ReturnType<typeof findUserRecord>>>;

export async function insertUser(db: Database, user: Omit<typeof users.$inferInsert, 'disabledAt' | 'createdAt'>) {
  await db.insert(users).values(user);
}

export async function updateUser(db: Database, id: string, change: Partial<Pick<typeof users.$inferInsert, 'name' | 'role' | 'jurisdictionCode' | 'department'>>) {
  if (change.name === undefined) await db.update(users).set(change).where(eq(users.id, id));
  else await db.batch([db.update(users).set(change).where(eq(users.id, id)), refreshAssigneeName(db, id)]);
}

/**
 * Disabling (or a new token) ends the user's page sessions in the same batch: a session begun on a lost phone must
 * not come back when the user is enabled again.
 */
export async function disableUser(db: Database, id: string, at: string) {
  await db.batch([db.update(users).set({ disabledAt: at }).where(and(eq(users.id, id), active)), db.delete(sessions).where(eq(sessions.userId, id))]);
}

export async function enableUser(db: Database, id: string) {
  await db.update(users).set({ disabledAt: null }).where(eq(users.id, id));
}

export async function replaceToken(db: Database, id: string, tokenHash: string) {
  await db.batch([db.update(users).set({ tokenHash }).where(eq(users.id, id)), db.delete(sessions).where(eq(sessions.userId, id))]);
}

/**
 * Active users of a role at or below a path, each with their load: the open cases assigned to them, how many of
 * those are overdue, and how many are hard cases. Least loaded first, as a supervisor dispatching reads it.
 */
export const usersWithLoad = (db: Database, role: Role, path: string) =>
  db
    .select({
      ...userWithJurisdiction,
      openCases: sql<number>`count(${cases.id})`.mapWith(Number),
      overdueCases: sql<number>`coalesce(sum(${cases.overdue}), 0)`.mapWith(Number),
      hardCases: sql<number>`coalesce(sum(${cases.hardCase}), 0)`.mapWith(Number),
    })
    .from(users)
    .innerJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code))
    .leftJoin(cases, and(eq(cases.assigneeId, users.id), eq(cases.status, 'open')))
    .where(and(eq(users.role, role), active, pathWithin(jurisdictions.path, path)))
    .groupBy(users.id)
    .orderBy(sql`count(${cases.id})`, asc(users.id));
