import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../client';
import { apiTokens, jurisdictions, users } from '../schema';
import { signsIn, userWithJurisdiction } from './users';

/** The user a bearer token signs in, with what is needed to keep the token's last use; none once revoked or expired. */
export async function findUserByTokenHash(db: Database, tokenHash: string, now: string) {
  const [found] = await db
    .select({ user: userWithJurisdiction, tokenId: apiTokens.id, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(apiTokens.userId, users.id))
    .innerJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now), signsIn));
  return found;
}

export type TokenSignIn = NonNullable<Awaited<ReturnType<typeof findUserByTokenHash>>>;

/** A token as its user and their admin see it: never its hash. */
const tokenRecord = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  name: apiTokens.name,
  createdBy: apiTokens.createdBy,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export const listTokensOf = (db: Database, userId: string) =>
  db.select(tokenRecord).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));

export async function findTokenOf(db: Database, userId: string, tokenId: string) {
  const [token] = await db.select(tokenRecord).from(apiTokens).where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, tokenId)));
  return token;
}

export type TokenRecord = NonNullable<Awaited<ReturnType<typeof findTokenOf>>>;

export async function insertToken(db: Database, token: Omit<typeof apiTokens.$inferInsert, 'lastUsedAt' | 'revokedAt'>) {
  await db.insert(apiTokens).values(token);
}

/** Revokes a token of the user's that is not revoked yet; whether one was. */
export async function revokeToken(db: Database, userId: string, tokenId: string, at: string) {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}

export const touchToken = (db: Database, tokenId: string, now: string) => db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, tokenId));
