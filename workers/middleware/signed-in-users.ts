import type { Database } from '../../db/client';
import { findUserByTokenHash, touchToken, type TokenSignIn } from '../../db/queries/api-tokens';
import { tokenTouchEveryMs } from '../../domain/api-tokens';
import { sha256Hex } from '../runtime/crypto';
import { IsolateCache } from '../runtime/isolate-cache';

/**
 * Bearer tokens seen in the last half minute, so a burst of filings from one phone does not ask D1 who it is
 * each time.
 */
const bearers = new IsolateCache<TokenSignIn | undefined>(30_000);

/**
 * The user a personal access token signs in, while it is neither revoked nor expired. Its last use is written at
 * most once a minute, after the answer (`defer`).
 */
export async function userByBearer(db: Database, token: string, defer: (work: Promise<unknown>) => void, now = new Date()) {
  const tokenHash = await sha256Hex(token);
  // Only a known token is kept: one issued a moment ago must work at once.
  const found = await bearers.get(tokenHash, () => findUserByTokenHash(db, tokenHash, now.toISOString()), (signIn) => signIn !== undefined);
  // A kept answer outlives neither the token's end nor a minute of last use unwritten.
  if (!found || Date.parse(found.expiresAt) <= now.getTime()) return undefined;
  if (!found.lastUsedAt || Date.parse(found.lastUsedAt) < now.getTime() - tokenTouchEveryMs) {
    found.lastUsedAt = now.toISOString();
    defer(touchToken(db, found.tokenId, found.lastUsedAt));
  }
  return found.user;
}

/**
 * After a user is disabled or changed, or a token revoked: this isolate asks D1 again at once. Other isolates keep
 * what they read for up to 30 s more, so there a revoked token stops working within half a minute.
 */
export const forgetSignedInUsers = () => bearers.clear();
