import type { Database } from '../../db/client';
import type { NewToken } from '../../schemas/api-tokens';
import { issueToken, revokeTokenOf, tokensOf } from '../middleware/personal-tokens';
import type { Manager } from './manage-jurisdictions';
import { managedUser } from './manage-users';

/**
 * An admin keeps the tokens of the people they manage: sees them, makes one for an integration that signs in as a
 * user, revokes one at once. Each answers undefined for a user outside the admin's tree, as for one that is not.
 */
export async function tokensOfUser(db: Database, admin: Manager, userId: string) {
  return (await managedUser(db, admin, userId)) ? tokensOf(db, userId) : undefined;
}

export async function issueTokenFor(db: Database, admin: Manager, userId: string, request: NewToken) {
  return (await managedUser(db, admin, userId)) ? issueToken(db, userId, admin.id, request) : undefined;
}

export async function revokeTokenOfUser(db: Database, admin: Manager, userId: string, tokenId: string) {
  return (await managedUser(db, admin, userId)) ? revokeTokenOf(db, userId, tokenId, undefined, admin.id) : undefined;
}
