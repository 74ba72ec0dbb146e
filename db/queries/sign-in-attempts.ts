import { and, count, eq, gt, lte, min } from 'drizzle-orm';
import type { Database } from '../client';
import { signInAttempts } from '../schema';

/**
 * Counts this attempt against its key and answers how many stand within the window, this one included, and when
 * the oldest of them leaves it. One batch: the insert and the count are read in the order D1 runs them.
 */
export async function countSignInAttempt(db: Database, key: string, now: string, windowStart: string) {
  const [, [inserted], [window]] = await db.batch([
    db.delete(signInAttempts).where(and(eq(signInAttempts.key, key), lte(signInAttempts.at, windowStart))),
    db.insert(signInAttempts).values({ key, at: now }).returning({ id: signInAttempts.id }),
    db
      .select({ attempts: count(), oldest: min(signInAttempts.at) })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.key, key), gt(signInAttempts.at, windowStart))),
  ]);
  return { id: inserted!.id, attempts: window?.attempts ?? 1, oldest: window?.oldest ?? now };
}

/** An attempt that signed someone in does not count against them. */
export const forgetSignInAttempt = (db: Database, id: number) => db.delete(signInAttempts).where(eq(signInAttempts.id, id));
