import type { Database } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { insertCountyWithAdmin, listCounties } from '../../db/queries/jurisdictions';
import { findUserRecord, type UserRecord } from '../../db/queries/users';
import type { JurisdictionRow } from '../../db/schema';
import { placeBelow } from '../../domain/jurisdiction';
import type { NewCounty } from '../../schemas/jurisdictions';
import { randomToken, sha256Hex } from '../runtime/crypto';
import { forgetJurisdictions } from '../county/jurisdictions';

export type CountyAnswer =
  /** The admin's bearer token in plain text, answered this once; D1 keeps only its SHA-256. */
  | { kind: 'opened'; county: JurisdictionRow; admin: UserRecord & { token: string } }
  | { kind: 'codeTaken' }
  | { kind: 'adminTaken' };

export const countiesOnRecord = (db: Database) => listCounties(db);

/**
 * Opens a county at the top of the tree with its first admin, in one write: a county nobody can manage, or an
 * admin of no county, never exists. From there the admin keeps the county (manage-jurisdictions, manage-users).
 */
export async function openCounty(db: Database, request: NewCounty): Promise<CountyAnswer> {
  const place = placeBelow(undefined, request.code)!;
  const token = randomToken();
  try {
    await insertCountyWithAdmin(
      db,
      { code: request.code, name: request.name, parentCode: null, ...place },
      { id: request.admin.id, name: request.admin.name, role: 'admin', department: null, jurisdictionCode: request.code, tokenHash: await sha256Hex(token) },
    );
  } catch (error) {
    if (isUniqueViolation(error, 'jurisdictions')) return { kind: 'codeTaken' };
    if (isUniqueViolation(error, 'users')) return { kind: 'adminTaken' };
    throw error;
  }
  forgetJurisdictions();
  const [county] = await listCounties(db, request.code);
  const admin = await findUserRecord(db, request.admin.id);
  return { kind: 'opened', county: county!, admin: { ...admin!, token } };
}
