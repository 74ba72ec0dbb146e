import { claimSignInTry, findAccountForSignIn, replacePasswordHash, settleRightTry, takeOneTimeCode } from '../../db/queries/accounts';
import type { Database } from '../../db/client';
import { accountWaitLeft, signInBackoff, waitAfterFailures } from '../../domain/sign-in-backoff';
import { normalisedCode, sha256Hex } from '../runtime/crypto';
import { hashPassword, passwordNeedsRehash, verifyPassword } from '../runtime/passwords';
import { forgetSignedInUsers } from '../middleware/signed-in-users';

export type SignInOutcome =
  | { kind: 'signedIn'; userId: string; purpose: 'work' | 'set_password' }
  | { kind: 'wrong' }
  | { kind: 'wait'; retryAfterSeconds: number }
  | { kind: 'locked' };

/** Hashed once per isolate: an unknown name still costs a hash, so the answer's time does not tell who exists. */
let decoy: Promise<string> | undefined;
const decoyHash = () => (decoy ??= hashPassword('a password nobody has'));

/**
 * A person signs in with their ID or phone and their password, or, before they have one, the admin's one-time code,
 * which only lets them set a password. A locked account, or one still waiting out its back-off, is answered without
 * trying the password, so guessing on costs the guesser time and not the county CPU. Every other try is claimed
 * before it is checked (`claimSignInTry`), and costs one hash whether or not the account exists or has a password,
 * so neither the answer's time nor parallel tries tell more than one try does.
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
  const claimed = await claimSignInTry(db, account.id, account.failedSignIns, now.toISOString(), signInBackoff.lockAfter);
  // Another try at this account came first: this one waits its turn like any try after it.
  if (!claimed) return { kind: 'wait', retryAfterSeconds: Math.max(1, Math.ceil(waitAfterFailures(account.failedSignIns + 1, firstWaitMs) / 1000)) };

  if (await verifyPassword(password, account.passwordHash ?? (await decoyHash()))) {
    await settleRightTry(db, account.id);
    if (passwordNeedsRehash(account.passwordHash!)) await replacePasswordHash(db, account.id, await hashPassword(password));
    return { kind: 'signedIn', userId: account.id, purpose: 'work' };
  }
  const code = account.passwordHash ? undefined : normalisedCode(password);
  if (code && (await takeOneTimeCode(db, account.id, await sha256Hex(code), now.toISOString()))) {
    return { kind: 'signedIn', userId: account.id, purpose: 'set_password' };
  }
  if (!claimed.lockedAt) return { kind: 'wrong' };
  // Locked: the account's token stops too, at once here (other isolates within the 30 s they keep a token).
  forgetSignedInUsers();
  return { kind: 'locked' };
}
