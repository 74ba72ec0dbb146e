/** Where a personal access token stands: revoked outranks expired, since revoking was somebody's act. */
export type TokenState = 'active' | 'expired' | 'revoked';

export function tokenState(token: { expiresAt: string; revokedAt: string | null }, now: Date): TokenState {
  if (token.revokedAt) return 'revoked';
  return Date.parse(token.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

const dayMs = 24 * 60 * 60 * 1000;

export const tokenExpiry = (now: Date, days: number) => new Date(now.getTime() + days * dayMs).toISOString();

/** A token's last use is written at most this often: a program calling every second does not write every second. */
export const tokenTouchEveryMs = 60_000;
