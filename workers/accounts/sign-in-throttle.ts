import type { Database } from '../../db/client';
import { countSignInAttempt, forgetSignInAttempt } from '../../db/queries/sign-in-attempts';

/**
 * Sign-in is guessed at far more cheaply than anything else is abused, so it has a limit of its own, far below the
 * API's: ten attempts that did not sign anyone in from one address within fifteen minutes, then 429 until the oldest
 * leaves the window. Kept in D1 rather than the per-caller limiter, so every edge process counts the same attempts
 * and a burst sent in parallel is counted attempt by attempt.
 */
export const signInLimit = { attempts: 10, windowMs: 15 * 60_000 };

export type SignInTurn = { allowed: true; attemptId: number } | { allowed: false; retryAfterSeconds: number };

export async function takeSignInTurn(db: Database, address: string, now = new Date()): Promise<SignInTurn> {
  const windowStart = new Date(now.getTime() - signInLimit.windowMs).toISOString();
  const counted = await countSignInAttempt(db, `ip:${address}`, now.toISOString(), windowStart);
  if (counted.attempts <= signInLimit.attempts) return { allowed: true, attemptId: counted.id };
  const freedAt = Date.parse(counted.oldest) + signInLimit.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)) };
}

export const signedIn = (db: Database, turn: { attemptId: number }) => forgetSignInAttempt(db, turn.attemptId);
