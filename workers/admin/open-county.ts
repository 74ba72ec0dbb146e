import type { Database } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { insertCountyWithAdmin, listCounties } from '../../db/queries/jurisdictions';
import { findUserRecord, type UserRecord } from '../../db/queries/users';
import type { JurisdictionRow } from '../../db/schema';
import { placeBelow } from '../../domain/jurisdiction';
import type { NewCounty } from '../../schemas/jurisdictions';
import { sha256Hex } from '../runtime/crypto';
import { forgetJurisdictions } from '../county/jurisdictions';
import { tokenExpiry } from '../../domain/api-tokens';
import { newTokenAndId } from '../middleware/personal-tokens';
import { firstSignInCode } from './manage-users';

/** The token a county's opening hands over, for the setup script that makes its places and people: a week is enough. */
const setupTokenDays = 7;

export type CountyAnswer =
  /**
   * The admin's one-time code (for the admin to sign in and set a password) and a setup token (for the operator's
   * script), in plain text, answered this once; D1 keeps only their SHA-256.
   */
  | { kind: 'opened'; county: JurisdictionRow; admin: UserRecord & { oneTimeCode: string; token: string } }
  | { kind: 'codeTaken' }
  | { kind: 'adminTaken' };

export const countiesOnRecord = (db: Database) => listCounties(db);

/**
 * Opens a county at the top of the tree with its first admin, in one write: a county nobody can manage, or an
 * admin of no county, never exists. From there the admin keeps the county (manage-jurisdictions, manage-users).
 */
export async function openCounty(db: Database, request: NewCounty, now = new Date()): Promise<CountyAnswer> {
  const place = placeBelow(undefined, request.code)!;
  const { token, id: tokenId } = newTokenAndId();
  const { code, ...codeHash } = await firstSignInCode(now);
  try {
    await insertCountyWithAdmin(
      db,
      { code: request.code, name: request.name, parentCode: null, ...place },
      { id: request.admin.id, name: request.admin.name, role: 'admin', department: null, jurisdictionCode: request.code, ...codeHash },
      {
        id: tokenId,
        userId: request.admin.id,
        createdBy: request.admin.id,
        name: '开通县区时签发',
        tokenHash: await sha256Hex(token),
        createdAt: now.toISOString(),
        expiresAt: tokenExpiry(now, setupTokenDays),
      },
    );
  } catch (error) {
    if (isUniqueViolation(error, 'jurisdictions')) return { kind: 'codeTaken' };
    if (isUniqueViolation(error, 'users')) return { kind: 'adminTaken' };
    throw error;
  }
  forgetJurisdictions();
  const [county] = await listCounties(db, request.code);
  const admin = await findUserRecord(db, request.admin.id);
  return { kind: 'opened', county: county!, admin: { ...admin!, oneTimeCode: code, token } };
}
