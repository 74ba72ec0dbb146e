import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { sessions, users } from '../schema';

/** What signing in weighs of an account, found by its ID or its phone; a disabled account is not found. */
export async function findAccountForSignIn(db: Database, login: string) {
  const [account] = await db
    .select({
      id: users.id,
      role: users.role,
      phone: users.phone,
      passwordHash: users.passwordHash,
      oneTimeCodeHash: users.oneTimeCodeHash,
      oneTimeCodeExpiresAt: users.oneTimeCodeExpiresAt,
      failedSignIns: users.failedSignIns,
      lastFailedSignInAt: users.lastFailedSignInAt,
      lockedAt: users.lockedAt,
    })
    .from(users)
    .where(and(or(eq(users.id, login), eq(users.phone, login)), isNull(users.disabledAt)));
  return account;
}
export type SignInAccount = NonNullable<Awaited<ReturnType<typeof findAccountForSignIn>>>;

/**
 * One more wrong password, counted inside the write so attempts in parallel each count; the one that reaches
 * `lockAfter` locks the account.
 */
export async function recordWrongPassword(db: Database, id: string, now: string, lockAfter: number) {
  const failed = sql`${users.failedSignIns} + 1`;
  const [after] = await db
    .update(users)
    .set({
      failedSignIns: sql`${failed}`,
      lastFailedSignInAt: now,
      lockedAt: sql`case when ${failed} >= ${lockAfter} then coalesce(${users.lockedAt}, ${now}) else ${users.lockedAt} end`,
    })
    .where(eq(users.id, id))
    .returning({ failedSignIns: users.failedSignIns, lockedAt: users.lockedAt });
  return after;
}

/** A sign-in clears the count; a one-time code signs in once. */
export async function recordSignIn(db: Database, id: string, usedOneTimeCode: boolean) {
  await db
    .update(users)
    .set({ failedSignIns: 0, lastFailedSignInAt: null, ...(usedOneTimeCode ? { oneTimeCodeHash: null, oneTimeCodeExpiresAt: null } : {}) })
    .where(eq(users.id, id));
}

/**
 * A new password ends every other session of the user in the same batch (a session on a lost phone must not
 * outlive the password it began with), and lets the session that set it do its work.
 */
export async function setPassword(db: Database, id: string, passwordHash: string, keptSessionHash: string) {
  await db.batch([
    db.update(users).set({ passwordHash, oneTimeCodeHash: null, oneTimeCodeExpiresAt: null }).where(eq(users.id, id)),
    db.delete(sessions).where(and(eq(sessions.userId, id), ne(sessions.tokenHash, keptSessionHash))),
    db.update(sessions).set({ purpose: 'work' }).where(eq(sessions.tokenHash, keptSessionHash)),
  ]);
}

/**
 * An admin's one-time code for a new or forgotten account: the old password stops working, the account is unlocked,
 * and every session ends, so whoever held the account before holds nothing.
 */
export async function issueOneTimeCode(db: Database, id: string, codeHash: string, expiresAt: string) {
  await db.batch([
    db
      .update(users)
      .set({ oneTimeCodeHash: codeHash, oneTimeCodeExpiresAt: expiresAt, passwordHash: null, failedSignIns: 0, lastFailedSignInAt: null, lockedAt: null })
      .where(eq(users.id, id)),
    db.delete(sessions).where(eq(sessions.userId, id)),
  ]);
}

export async function unlockAccount(db: Database, id: string) {
  await db.update(users).set({ failedSignIns: 0, lastFailedSignInAt: null, lockedAt: null }).where(eq(users.id, id));
}

export async function createSession(db: Database, session: { tokenHash: string; userId: string; expiresAt: string; purpose: 'work' | 'set_password'; now: string }) {
  await db.insert(sessions).values({ tokenHash: session.tokenHash, userId: session.userId, expiresAt: session.expiresAt, purpose: session.purpose, lastSeenAt: session.now });
}

/** Keeps a session in use from reaching its idle end. */
export const touchSession = (db: Database, tokenHash: string, now: string) => db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));

/** Signing out everywhere: every session of the user ends on the server. */
export const endSessionsOf = (db: Database, userId: string) => db.delete(sessions).where(eq(sessions.userId, userId));

export async function passwordHashOf(db: Database, id: string) {
  const [row] = await db.select({ passwordHash: users.passwordHash, phone: users.phone }).from(users).where(eq(users.id, id));
  return row;
}

/** Whose session this is, whatever it is for and whether or not it has ended: signing out ends it anyway. */
export async function sessionOwner(db: Database, tokenHash: string) {
  const [row] = await db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.tokenHash, tokenHash));
  return row?.userId;
}
