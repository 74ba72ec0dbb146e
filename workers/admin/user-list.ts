import type { Database } from '../../db/client';
import type { UserRecord } from '../../db/queries/users';
import { accountStatesOf } from '../../domain/account-states';
import { codesOf, isWithin } from '../../domain/jurisdiction';
import type { UserListQuery } from '../../schemas/user-list';
import { jurisdictionsManagedBy, type Manager } from './manage-jurisdictions';

/** A place an admin may put a person in or filter by, with its depth below the admin's own place for indenting. */
export interface PlaceChoice {
  code: string;
  name: string;
  path: string;
  depth: number;
}

/** The places an admin manages, parents before their children. */
export async function placesManagedBy(db: Database, admin: Manager): Promise<PlaceChoice[]> {
  const top = codesOf(admin.jurisdictionPath).length;
  return (await jurisdictionsManagedBy(db, admin)).map((place) => ({ code: place.code, name: place.name, path: place.path, depth: codesOf(place.path).length - top }));
}

/** A phone number as typed ("138 0000-1234") and as stored, compared by its digits. */
const digitsOf = (text: string) => text.replace(/[\s-]/g, '');

function matchesText(user: UserRecord, q: string) {
  const needle = q.normalize('NFC').toLowerCase();
  if (user.id.toLowerCase().includes(needle) || user.name.toLowerCase().includes(needle)) return true;
  return Boolean(user.phone && user.phone.includes(digitsOf(needle)));
}

/**
 * The people that answer the admin's search, in the order they were listed (by place, then ID). A county keeps some
 * hundreds of people, so the whole list is read once and sifted here rather than a query written for each filter.
 * `place` is the filter's place, already found among the admin's; a person inside it or below it matches.
 */
export function sift(users: readonly UserRecord[], query: UserListQuery, place: PlaceChoice | undefined): UserRecord[] {
  return users.filter(
    (user) =>
      (!query.q || matchesText(user, query.q)) &&
      (!query.role || user.role === query.role) &&
      (!place || isWithin(user.jurisdictionPath, place.path)) &&
      (!query.state || accountStatesOf(user).includes(query.state)),
  );
}
