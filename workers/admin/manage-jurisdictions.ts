import type { Database } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { findJurisdiction, insertJurisdiction, listJurisdictionsWithin, renameJurisdiction } from '../../db/queries/jurisdictions';
import type { JurisdictionRow } from '../../db/schema';
import { canManage, placeBelow } from '../../domain/jurisdiction';
import type { NewJurisdiction } from '../../schemas/jurisdictions';
import { customError, type FieldError, type Lang } from '../i18n/messages';
import { forgetJurisdictions } from '../county/jurisdictions';

/** The admin asking: what they manage is their jurisdiction and the tree below it. */
export interface Manager {
  id: string;
  jurisdictionPath: string;
}

export type JurisdictionAnswer =
  | { kind: 'done'; jurisdiction: JurisdictionRow }
  | { kind: 'notFound' }
  | { kind: 'taken' }
  | { kind: 'invalid'; errors: FieldError[] };

export const jurisdictionsManagedBy = (db: Database, admin: Manager) => listJurisdictionsWithin(db, admin.jurisdictionPath);

/** A jurisdiction the admin manages; one outside their tree is as missing as one that does not exist. */
export async function managedJurisdiction(db: Database, admin: Manager, code: string) {
  const found = await findJurisdiction(db, code);
  return found && canManage(admin, found.path) ? found : undefined;
}

/** Opens a place one level below a parent the admin manages; the level and path come from domain/jurisdiction.ts. */
export async function openJurisdiction(db: Database, admin: Manager, request: NewJurisdiction, lang: Lang): Promise<JurisdictionAnswer> {
  const parent = await managedJurisdiction(db, admin, request.parentCode);
  if (!parent) return { kind: 'invalid', errors: [customError(lang, 'parentCode', 'jurisdictionUnknown')] };
  const place = placeBelow(parent, request.code);
  if (!place) return { kind: 'invalid', errors: [customError(lang, 'parentCode', 'gridHasNoChildren')] };
  try {
    const jurisdiction = await insertJurisdiction(db, { code: request.code, name: request.name, parentCode: parent.code, ...place });
    forgetJurisdictions();
    return { kind: 'done', jurisdiction };
  } catch (error) {
    if (isUniqueViolation(error, 'jurisdictions')) return { kind: 'taken' };
    throw error;
  }
}

export async function renameManagedJurisdiction(db: Database, admin: Manager, code: string, name: string): Promise<JurisdictionAnswer> {
  if (!(await managedJurisdiction(db, admin, code))) return { kind: 'notFound' };
  const jurisdiction = await renameJurisdiction(db, code, name);
  forgetJurisdictions();
  return jurisdiction ? { kind: 'done', jurisdiction } : { kind: 'notFound' };
}
