import type { Database } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { activeBelow, findJurisdiction, insertJurisdiction, listJurisdictionsWithin, moveJurisdiction, renameJurisdiction, retireJurisdiction } from '../../db/queries/jurisdictions';
import type { JurisdictionRow } from '../../db/schema';
import { canManage, placeBelow } from '../../domain/jurisdiction';
import { isOpen, moveRefusal, parentRefusal, pathBelow, retireRefusal, type PlaceRefusal } from '../../domain/jurisdiction-changes';
import type { NewJurisdiction } from '../../schemas/jurisdictions';
import { customError, type FieldError, type Lang } from '../i18n/messages';
import { forgetJurisdictions } from '../county/jurisdictions';
import { recordChange } from '../../db/queries/audit-trail';

/** The admin asking: what they manage is their jurisdiction and the tree below it. */
export interface Manager {
  id: string;
  jurisdictionPath: string;
}

export type JurisdictionAnswer =
  | { kind: 'done'; jurisdiction: JurisdictionRow }
  | { kind: 'notFound' }
  | { kind: 'taken' }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'refused'; reason: PlaceRefusal };

export const jurisdictionsManagedBy = (db: Database, admin: Manager) => listJurisdictionsWithin(db, admin.jurisdictionPath);

/** A place the admin manages, retired or not; one outside their tree is as missing as one that does not exist. */
export async function managedPlace(db: Database, admin: Manager, code: string) {
  const found = await findJurisdiction(db, code);
  return found && canManage(admin, found.path) ? found : undefined;
}

/** A place the admin manages that takes new people: a retired one takes none. */
export async function managedJurisdiction(db: Database, admin: Manager, code: string) {
  const found = await managedPlace(db, admin, code);
  return found && isOpen(found) ? found : undefined;
}

/** Opens a place one level below a parent the admin manages; the level and path come from domain/jurisdiction.ts. */
export async function openJurisdiction(db: Database, admin: Manager, request: NewJurisdiction, lang: Lang): Promise<JurisdictionAnswer> {
  const parent = await managedPlace(db, admin, request.parentCode);
  if (!parent) return { kind: 'invalid', errors: [customError(lang, 'parentCode', 'jurisdictionUnknown')] };
  const place = placeBelow(parent, request.code);
  if (!place) return { kind: 'invalid', errors: [customError(lang, 'parentCode', 'gridHasNoChildren')] };
  const refused = parentRefusal(parent, place.level);
  if (refused) return { kind: 'invalid', errors: [customError(lang, 'parentCode', refused)] };
  try {
    const jurisdiction = await insertJurisdiction(db, { code: request.code, name: request.name, parentCode: parent.code, ...place });
    await recordChange(db, admin.id, { action: 'placeAdded', targetKind: 'place', targetId: request.code, detail: { name: request.name, parentCode: parent.code } });
    forgetJurisdictions();
    return { kind: 'done', jurisdiction };
  } catch (error) {
    if (isUniqueViolation(error, 'jurisdictions')) return { kind: 'taken' };
    throw error;
  }
}

export async function renameManagedJurisdiction(db: Database, admin: Manager, code: string, name: string): Promise<JurisdictionAnswer> {
  if (!(await managedPlace(db, admin, code))) return { kind: 'notFound' };
  const jurisdiction = await renameJurisdiction(db, code, name);
  if (jurisdiction) await recordChange(db, admin.id, { action: 'placeRenamed', targetKind: 'place', targetId: code, detail: { name } });
  forgetJurisdictions();
  return jurisdiction ? { kind: 'done', jurisdiction } : { kind: 'notFound' };
}

/**
 * Moves a place below another parent of the level its old one had, with everything below it, in one write. The
 * parent's refusals are field errors (the form asks for a parent); moving the admin's own place is refused outright.
 */
export async function moveManagedJurisdiction(db: Database, admin: Manager, code: string, parentCode: string, lang: Lang): Promise<JurisdictionAnswer> {
  const place = await managedPlace(db, admin, code);
  if (!place) return { kind: 'notFound' };
  const parent = await findJurisdiction(db, parentCode);
  const refused = moveRefusal(admin, place, parent);
  if (refused === 'ownJurisdiction') return { kind: 'refused', reason: refused };
  if (refused || !parent) return { kind: 'invalid', errors: [customError(lang, 'parentCode', refused ?? 'jurisdictionUnknown')] };
  if (parent.code === place.parentCode) return { kind: 'done', jurisdiction: place };
  const moved = await moveJurisdiction(db, place, parent.code, pathBelow(parent, place));
  if (moved) await recordChange(db, admin.id, { action: 'placeMoved', targetKind: 'place', targetId: code, detail: { from: place.parentCode, parentCode: parent.code } });
  forgetJurisdictions();
  return moved ? { kind: 'done', jurisdiction: moved } : { kind: 'notFound' };
}

/** Retires a place once nothing works there any more; it keeps its old cases, and says why when it cannot go yet. */
export async function retireManagedJurisdiction(db: Database, admin: Manager, code: string, now = new Date()): Promise<JurisdictionAnswer> {
  const place = await managedPlace(db, admin, code);
  if (!place) return { kind: 'notFound' };
  const refused = retireRefusal(admin, place, await activeBelow(db, place.code));
  if (refused) return { kind: 'refused', reason: refused };
  const retired = await retireJurisdiction(db, place.code, now.toISOString());
  if (retired) await recordChange(db, admin.id, { action: 'placeRetired', targetKind: 'place', targetId: code });
  forgetJurisdictions();
  return retired ? { kind: 'done', jurisdiction: retired } : { kind: 'refused', reason: 'placeRetired' };
}
