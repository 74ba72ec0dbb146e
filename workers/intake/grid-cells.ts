import type { Database } from '../../db/client';
import { listJurisdictionsWithin } from '../../db/queries/jurisdictions';
import type { SignedInUser } from '../../db/queries/users';
import { visiblePathOf } from '../../domain/jurisdiction';

/** The grid cells a filer may file in: those of their own jurisdiction not retired, in the tree's order. */
export async function gridCellsOf(db: Database, user: SignedInUser) {
  const places = await listJurisdictionsWithin(db, visiblePathOf(user));
  return places.filter((place) => place.level === 'grid' && !place.retiredAt).map((place) => ({ code: place.code, name: place.name }));
}
