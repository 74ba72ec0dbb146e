import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../schemas/vocabulary';
import type { Database } from '../client';
import { cases, jurisdictions, sessions, users } from '../schema';
import { refreshAssigneeName } from './case-listing';
import { pathWithin } from './jurisdictions';

export const userWithJurisdiction = {
  id: users.id,
  name: users.name,
  role: users.role,
  department: users.department,
  jurisdictionCode: users.jurisdictionCode,
  jurisdictionPath: jurisdictions.path,
};

/** A disabled user signs nobody in and is dispatched nothing; they stay on the timelines they wrote. */
const active = isNull(users.disabledAt);
/** A locked account (too many wrong passwords) signs nobody in by any way, token or session, until unlocked. */
export const signsIn = and(active, isNull(users.lockedAt));

async function findUserWhere(db: Database, where: SQL) {
  const [user] = await db
    .select(userWithJurisdiction)
    .from(users)
    .innerJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code))
    .where(and(where, active));
  return user;
}

/** A user with the path of their jurisdiction, to check that a mediator may be dispatched to a case. */
export const findUserById = (db: Database, id: string) => findUserWhere(db, eq(users.id, id));

/** A session's user while the session has reached neither its absolute end nor, since `idleSince`, its idle one. */
export async function findUserBySession(db: Database, sessionHash: string, now: string, idleSince: string) {
  const [found] = await db
    .select({ user: userWithJurisdiction, purpose: sessions.purpose, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .innerJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code))
    .where(and(eq(sessions.tokenHash, sessionHash), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince), signsIn));
  return found;
}

export type SignedInUser = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export async function deleteSession(db: Database, sessionHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, sessionHash));
}

/** A user as an admin sees them: everything but the hashes of their password and code, disabled or not. */
const userRecord = {
  ...userWithJurisdiction,
  phone: users.phone,
  /** Whether they have set a password: until then they sign in with a one-time code. */
  passwordSet: sql<boolean>`${users.passwordHash} is not null`.mapWith(Boolean),
  oneTimeCodeExpiresAt: users.oneTimeCodeExpiresAt,
  failedSignIns: users.failedSignIns,
  lockedAt: users.lockedAt,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

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
 * Disabling ends the user's page sessions in the same batch: a session begun on a lost phone must
 * not come back when the user is enabled again.
 */
export async function disableUser(db: Database, id: string, at: string) {
  await db.batch([db.update(users).set({ disabledAt: at }).where(and(eq(users.id, id), active)), db.delete(sessions).where(eq(sessions.userId, id))]);
}

export async function enableUser(db: Database, id: string) {
  await db.update(users).set({ disabledAt: null }).where(eq(users.id, id));
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

/**
 * The active people of some roles at or below a path, each with the name of their place: a county fills a batch
 * sheet with names and places, not with user IDs. By place, then name.
 */
export const listPeopleWithin = (db: Database, path: string, roles: readonly Role[]) =>
  db
    .select({ ...userWithJurisdiction, jurisdictionName: jurisdictions.name })
    .from(users)
    .innerJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code))
    .where(and(active, pathWithin(jurisdictions.path, path), inArray(users.role, [...roles])))
    .orderBy(asc(jurisdictions.path), asc(users.name), asc(users.id));
