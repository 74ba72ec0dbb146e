import { and, eq, gt, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { jurisdictions, sessions, users } from '../schema';

const userWithJurisdiction = {
  id: users.id,
  name: users.name,
  role: users.role,
  department: users.department,
  jurisdictionCode: users.jurisdictionCode,
  jurisdictionPath: jurisdictions.path,
};

async function findUserWhere(db: Database, where: SQL) {
  const [user] = await db
    .select(userWithJurisdiction)
    .from(users)
    .innerJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code))
    .where(where);
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
    .where(and(eq(sessions.tokenHash, sessionHash), gt(sessions.expiresAt, now)));
  return user;
}

export async function createSession(db: Database, sessionHash: string, userId: string, expiresAt: string) {
  await db.insert(sessions).values({ tokenHash: sessionHash, userId, expiresAt });
}

export type SignedInUser = NonNullable<Awaited<ReturnType<typeof findUserByTokenHash>>>;


export async function deleteSession(db: Database, sessionHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, sessionHash));
}
