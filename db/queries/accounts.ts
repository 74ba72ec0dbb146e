import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { sessions, users } from '../schema';

/**
 * What signing in weighs of an account, found by its ID, or by its phone when what was typed is a mobile number; a
 * disabled account is not found.
 */
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
    .where(and(/^1\d{10}$/.test(login) ? eq(users.phone, login) : eq(users.id, login), isNull(users.disabledAt)));
  return account;
}
export type SignInAccount = NonNullable<Awaited<ReturnType<typeof findAccountForSignIn>>>;

/**
 * Claims one try at the account before its password is checked: counted as wrong until it proves right, and only
 * while nobody else has tried since `seenFailures` was read, so tries sent in parallel cannot all be checked against
 * one reading of the back-off. The try that reaches `lockAfter` locks the account, and its sessions end with it (an
 * unlock must not bring back a session begun before). Undefined when another try came first.
 */
export async function claimSignInTry(db: Database, id: string, seenFailures: number, now: string, lockAfter: number) {
  const failed = sql`${users.failedSignIns} + 1`;
  const locks = seenFailures + 1 >= lockAfter;
  const [claimed] = await db.batch([
    db
      .update(users)
      .set({ failedSignIns: sql`${failed}`, lastFailedSignInAt: now, ...(locks ? { lockedAt: now } : {}) })
      .where(and(eq(users.id, id), eq(users.failedSignIns, seenFailures), isNull(users.lockedAt)))
      .returning({ failedSignIns: users.failedSignIns, lockedAt: users.lockedAt }),
    ...(locks ? [db.delete(sessions).where(and(eq(sessions.userId, id), sql`exists (select 1 from ${users} where ${users.id} = ${id} and ${users.lockedAt} = ${now})`))] : []),
  ]);
  return claimed[0];
}

/** The claimed try proved right: the count starts over, and a lock the try itself set is lifted. */
export async function settleRightTry(db: Database, id: string) {
  await db.update(users).set({ failedSignIns: 0, lastFailedSignInAt: null, lockedAt: null }).where(eq(users.id, id));
}

/**
 * A one-time code signs in once: it is taken in the same write that checks it is still there, so two sign-ins with
 * it at the same moment do not both get in.
 */
export async function takeOneTimeCode(db: Database, id: string, codeHash: string, now: string) {
  const [taken] = await db
    .update(users)
    .set({ oneTimeCodeHash: null, oneTimeCodeExpiresAt: null, failedSignIns: 0, lastFailedSignInAt: null, lockedAt: null })
    .where(and(eq(users.id, id), eq(users.oneTimeCodeHash, codeHash), gt(users.oneTimeCodeExpiresAt, now)))
    .returning({ id: users.id });
  return taken !== undefined;
}

/** A stronger hash of the same password, once the parameters have risen. */
export const replacePasswordHash = (db: Database, id: string, passwordHash: string) => db.update(users).set({ passwordHash }).where(eq(users.id, id));

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

/** Signing out everywhere: every session of the user whose session this is ends on the server. */
export const endSessionsAlongside = (db: Database, tokenHash: string) =>
  db.delete(sessions).where(eq(sessions.userId, sql`(select ${sessions.userId} from ${sessions} where ${sessions.tokenHash} = ${tokenHash})`));

export async function passwordHashOf(db: Database, id: string) {
  const [row] = await db.select({ passwordHash: users.passwordHash, phone: users.phone }).from(users).where(eq(users.id, id));
  return row;
}

