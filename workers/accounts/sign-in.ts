import { findAccountForSignIn, recordSignIn, recordWrongPassword, type SignInAccount } from '../../db/queries/accounts';
import type { Database } from '../../db/client';
import { accountWaitLeft, locksAt, signInBackoff } from '../../domain/sign-in-backoff';
import { normalisedCode, sha256Hex } from '../runtime/crypto';
import { hashPassword, verifyPassword } from '../runtime/passwords';
import { forgetSignedInUsers } from '../middleware/signed-in-users';

export type SignInOutcome =
  | { kind: 'signedIn'; userId: string; purpose: 'work' | 'set_password' }
  | { kind: 'wrong' }
  | { kind: 'wait'; retryAfterSeconds: number }
  | { kind: 'locked' };

/** Hashed once per isolate: an unknown name still costs a hash, so the answer's time does not tell who exists. */
let decoy: Promise<string> | undefined;
const decoyHash = () => (decoy ??= hashPassword('a password nobody has'));

async function oneTimeCodeMatches(account: SignInAccount, typed: string, now: Date) {
  if (!account.oneTimeCodeHash || !account.oneTimeCodeExpiresAt || Date.parse(account.oneTimeCodeExpiresAt) <= now.getTime()) return false;
  return (await sha256Hex(normalisedCode(typed))) === account.oneTimeCodeHash;
}

/**
 * A person signs in with their ID or phone and their password, or, before they have one, the admin's one-time code,
 * which only lets them set a password. A locked account or one still waiting out its back-off is answered without
 * trying the password, so guessing on costs the guesser time and not the county CPU.
 */
export async function signInWithPassword(db: Database, login: string, password: string, firstWaitMs: number, now = new Date()): Promise<SignInOutcome> {
  const account = login ? await findAccountForSignIn(db, login) : undefined;
  if (!account) {
    await verifyPassword(password, await decoyHash());
    return { kind: 'wrong' };
  }
  if (account.lockedAt) return { kind: 'locked' };
  const waitMs = accountWaitLeft(account.failedSignIns, account.lastFailedSignInAt, now, firstWaitMs);
  if (waitMs > 0) return { kind: 'wait', retryAfterSeconds: Math.ceil(waitMs / 1000) };

  if (account.passwordHash && (await verifyPassword(password, account.passwordHash))) {
    await recordSignIn(db, account.id, false);
    return { kind: 'signedIn', userId: account.id, purpose: 'work' };
  }
  if (!account.passwordHash && (await oneTimeCodeMatches(account, password, now))) {
    await recordSignIn(db, account.id, true);
    return { kind: 'signedIn', userId: account.id, purpose: 'set_password' };
  }
  const after = await recordWrongPassword(db, account.id, now.toISOString(), signInBackoff.lockAfter);
  if (!after || !locksAt(after.failedSignIns)) return { kind: 'wrong' };
  // Locked: the account's token stops too, at once here (other isolates within the 30 s they keep a token).
  forgetSignedInUsers();
  return { kind: 'locked' };
}
