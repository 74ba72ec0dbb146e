import type { Database } from '../../db/client';
import { findTokenOf, insertToken, listTokensOf, revokeToken, type TokenRecord } from '../../db/queries/api-tokens';
import { tokenExpiry, tokenState } from '../../domain/api-tokens';
import type { NewToken } from '../../schemas/api-tokens';
import { randomToken, sha256Hex } from '../runtime/crypto';
import { forgetSignedInUsers } from './signed-in-users';
import { recordChange } from '../../db/queries/audit-trail';

/**
 * What a token looks like: the prefix lets a secret scanner, a log filter or a person reading a leaked file tell at
 * a glance that it is a Fengqiao token.
 */
export const tokenPrefix = 'fqt_';

/** A new token and its public id; the token goes to its owner once, its id names it on lists and in revoking. */
export const newTokenAndId = () => ({ token: `${tokenPrefix}${randomToken(24)}`, id: `tk-${randomToken(6)}` });

export const withState = (token: TokenRecord, now = new Date()) => ({ ...token, state: tokenState(token, now) });
export type ListedToken = ReturnType<typeof withState>;

export async function tokensOf(db: Database, userId: string, now = new Date()) {
  return (await listTokensOf(db, userId)).map((token) => withState(token, now));
}

/** A new token for `userId`, made by `createdBy`: its record, and the token itself, answered this once. */
export async function issueToken(db: Database, userId: string, createdBy: string, request: NewToken, now = new Date()) {
  const { token, id } = newTokenAndId();
  await insertToken(db, { id, userId, createdBy, name: request.name, tokenHash: await sha256Hex(token), createdAt: now.toISOString(), expiresAt: tokenExpiry(now, request.expiresInDays) });
  await recordChange(db, createdBy, { action: 'tokenIssued', targetKind: 'token', targetId: id, detail: { userId, name: request.name, expiresInDays: request.expiresInDays } });
  const record = await findTokenOf(db, userId, id);
  return { record: withState(record!, now), token };
}

/**
 * Revokes one of the user's tokens: it stops working at once in this isolate; others forget what they read within
 * half a minute (signed-in-users.ts). The token, revoked, or undefined when the user has no such token.
 */
export async function revokeTokenOf(db: Database, userId: string, tokenId: string, now = new Date(), revokedBy = userId) {
  if (await revokeToken(db, userId, tokenId, now.toISOString())) {
    forgetSignedInUsers();
    await recordChange(db, revokedBy, { action: 'tokenRevoked', targetKind: 'token', targetId: tokenId, detail: { userId } });
  }
  const token = await findTokenOf(db, userId, tokenId);
  return token && withState(token, now);
}
