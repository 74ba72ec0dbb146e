import type { AccountState } from '../schemas/user-list';

/** What an account's record says about signing in. */
export interface AccountFacts {
  passwordSet: boolean;
  lockedAt: string | null;
  disabledAt: string | null;
}

/** Each thing that keeps a person from signing in with their password, or `active` when nothing does. */
export function accountStatesOf(account: AccountFacts): AccountState[] {
  const states: AccountState[] = [];
  if (account.disabledAt) states.push('disabled');
  if (account.lockedAt) states.push('locked');
  if (!account.passwordSet) states.push('noPassword');
  return states.length ? states : ['active'];
}

/** A one-time code still waits to be used: it is cleared when used, and is worth nothing once expired. */
export const codeWaiting = (expiresAt: string | null, now: Date) => expiresAt !== null && Date.parse(expiresAt) > now.getTime();
