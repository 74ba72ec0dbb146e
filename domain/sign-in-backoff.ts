/**
 * Wrong passwords against one account: the first few cost nothing (a typo on a phone keyboard), then each waits
 * twice as long as the one before (at most 64 s before the last), and the tenth in a row locks the account until an
 * admin unlocks it. Guessing from
 * many addresses at one account is slowed here; guessing from one address at many accounts by the per-address limit
 * (workers/accounts/sign-in-throttle.ts).
 */
export const signInBackoff = { freeFailures: 3, firstWaitMs: 1_000, lockAfter: 10 } as const;

/** How long an account must wait after `failures` wrong passwords in a row before it may be tried again. */
export function waitAfterFailures(failures: number, firstWaitMs: number = signInBackoff.firstWaitMs): number {
  if (failures < signInBackoff.freeFailures) return 0;
  return firstWaitMs * 2 ** (failures - signInBackoff.freeFailures);
}

/** Milliseconds left before the account may be tried again; 0 when it may be now. */
export function accountWaitLeft(failures: number, lastFailedAt: string | null, now: Date, firstWaitMs: number = signInBackoff.firstWaitMs): number {
  if (!lastFailedAt) return 0;
  return Math.max(0, Date.parse(lastFailedAt) + waitAfterFailures(failures, firstWaitMs) - now.getTime());
}

export const locksAt = (failures: number) => failures >= signInBackoff.lockAfter;

/** How long a session lasts: idle, and at most, however busy it is. A county's working day, signed in each morning. */
export const sessionLimits = { idleMs: 2 * 60 * 60_000, absoluteMs: 12 * 60 * 60_000, touchEveryMs: 60_000 } as const;
export type SessionLimits = { idleMs: number; absoluteMs: number; touchEveryMs: number };

/** A one-time code from the admin lasts a day: long enough to hand over in person or by phone, no longer. */
export const oneTimeCodeLifetimeMs = 24 * 60 * 60_000;
/** The session a one-time code begins may only set a password, within this long. */
export const oneTimeSessionMs = 15 * 60_000;

/** What a new password must be: long enough to resist guessing, not the user's own ID or phone. */
export const passwordRules = { minLength: 8, maxLength: 128 } as const;
export function passwordProblem(password: string, account: { id: string; phone?: string | null }): 'tooShort' | 'tooLong' | 'isOwnName' | undefined {
  const length = [...password].length;
  if (length < passwordRules.minLength) return 'tooShort';
  if (length > passwordRules.maxLength) return 'tooLong';
  const lowered = password.toLowerCase();
  if (lowered === account.id.toLowerCase() || (account.phone && password === account.phone)) return 'isOwnName';
  return undefined;
}
