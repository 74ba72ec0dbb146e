import type { Database } from '../../db/client';
import { findUserByTokenHash, type SignedInUser } from '../../db/queries/users';
import { sha256Hex } from '../runtime/crypto';
import { IsolateCache } from '../runtime/isolate-cache';

/**
 * Bearer tokens seen in the last half minute, so a burst of filings from one phone does not ask D1 who it is
 * each time.
 */
const bearers = new IsolateCache<SignedInUser | undefined>(30_000);

export async function userByBearer(db: Database, token: string) {
  const tokenHash = await sha256Hex(token);
  // Only a known token is kept: one issued a moment ago must work at once.
  return bearers.get(tokenHash, () => findUserByTokenHash(db, tokenHash), (user) => user !== undefined);
}

/**
 * After a user is disabled, changed or given a new token: this isolate asks D1 again at once. Other isolates keep
 * what they read for up to 30 s more, so there a revoked token stops working within half a minute.
 */
export const forgetSignedInUsers = () => bearers.clear();
