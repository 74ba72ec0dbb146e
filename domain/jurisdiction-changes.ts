import type { JurisdictionLevel } from '../schemas/vocabulary';
import { canManage, childPath, isWithin, levelBelow } from './jurisdiction';

/** A place as the rules about changing the tree read it. */
export interface Place {
  code: string;
  level: JurisdictionLevel;
  path: string;
  parentCode: string | null;
  retiredAt: string | null;
}

/** Why a change to the tree is refused; each code has its words in the catalogs (`error.<code>`). */
export type PlaceRefusal =
  | 'jurisdictionUnknown'
  | 'gridHasNoChildren'
  | 'parentLevelMismatch'
  | 'parentRetired'
  | 'ownJurisdiction'
  | 'placeRetired'
  | 'hasActiveChildren'
  | 'hasActiveUsers';

export const isRetired = (place: Pick<Place, 'retiredAt'>) => place.retiredAt !== null;

/** Whether a place takes new filings, new users and new places below it. */
export const isOpen = (place: Pick<Place, 'retiredAt'>) => !isRetired(place);

/** Why nothing new may go below `parent`: a new place, an imported grid cell, a place moved there. */
export function parentRefusal(parent: Place, childLevel: JurisdictionLevel): PlaceRefusal | undefined {
  const below = levelBelow(parent.level);
  if (!below) return 'gridHasNoChildren';
  if (below !== childLevel) return 'parentLevelMismatch';
  if (isRetired(parent)) return 'parentRetired';
  return undefined;
}

/**
 * Moving a place keeps its level, so its new parent has the level its old one had (a community to another station,
 * a grid cell to another community). The admin's own place is the top of what they manage and stays where it is;
 * a parent outside their tree is as unknown as one that does not exist.
 */
export function moveRefusal(admin: { jurisdictionPath: string }, place: Place, parent: Place | undefined): PlaceRefusal | undefined {
  if (place.path === admin.jurisdictionPath) return 'ownJurisdiction';
  if (!parent || !canManage(admin, parent.path)) return 'jurisdictionUnknown';
  return parentRefusal(parent, place.level);
}

/** The path a place at or below `from` takes when `from` becomes `to`: paths are prefixes, so the tail stays. */
export const movedPath = (path: string, from: string, to: string) => (isWithin(path, from) ? `${to}${path.slice(from.length)}` : path);

/** Where a place lands below its new parent. */
export const pathBelow = (parent: Pick<Place, 'path'>, place: Pick<Place, 'code'>) => childPath(parent.path, place.code);

/**
 * A retired place keeps its old cases and its disabled people; what still works there must move or retire first,
 * so that no one is left serving a place that no longer takes anything.
 */
export function retireRefusal(
  admin: { jurisdictionPath: string },
  place: Place,
  below: { activeChildren: number; activeUsers: number },
): PlaceRefusal | undefined {
  if (place.path === admin.jurisdictionPath) return 'ownJurisdiction';
  if (isRetired(place)) return 'placeRetired';
  if (below.activeChildren > 0) return 'hasActiveChildren';
  if (below.activeUsers > 0) return 'hasActiveUsers';
  return undefined;
}
