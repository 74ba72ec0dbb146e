import type { Database } from '../../db/client';
import { adminChangesWithin, signInEventsWithin } from '../../db/queries/audit-trail';
import { caseReadsWithin } from '../../db/queries/case-reads';
import type { SignedInUser } from '../../db/queries/users';
import { toInstant } from '../../domain/clocks/local-time';
import { levelOfPath } from '../../domain/jurisdiction';
import {
  caseReadListCursor,
  changeListCursor,
  signInListCursor,
  type CaseReadListQuery,
  type ChangeListQuery,
  type SignInListQuery,
} from '../../schemas/audit';
import { decodeKeyset } from '../../schemas/cursor';
import { pageOf } from '../kit/paging';

const dayMs = 86_400_000;

/** A period of the county's local days, both ends included, as the instants the events are stored in. */
export function periodInstants(query: { from?: string; to?: string }, utcOffset: string) {
  const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00Z`) + dayMs).toISOString().slice(0, 10);
  return {
    from: query.from ? toInstant(`${query.from}T00:00`, utcOffset) : undefined,
    to: query.to ? toInstant(`${dayAfter(query.to)}T00:00`, utcOffset) : undefined,
  };
}

const beforeIdOf = (list: typeof signInListCursor | typeof changeListCursor | typeof caseReadListCursor, cursor: string | undefined) =>
  cursor ? decodeKeyset(list.name, list.key, cursor)?.[0] : undefined;

/**
 * Sign-in tries of the people at or below the admin's place. A try at a name nobody has belongs to no place, so only
 * an admin of a whole county sees those: a station's admin sees their own people's tries and nothing else.
 */
export async function signInsSeenBy(db: Database, admin: SignedInUser, query: SignInListQuery, utcOffset: string) {
  const limit = query.limit ?? 50;
  const found = await signInEventsWithin(db, {
    path: admin.jurisdictionPath,
    ...periodInstants(query, utcOffset),
    user: query.user,
    outcome: query.outcome,
    beforeId: beforeIdOf(signInListCursor, query.cursor),
    limit: limit + 1,
    withUnknown: levelOfPath(admin.jurisdictionPath) === 'county',
  });
  return pageOf(found, limit, signInListCursor.name, (row) => [row.id] as const);
}

/** Changes made by the people at or below the admin's place: a county's admin oversees the stations' admins. */
export async function changesSeenBy(db: Database, admin: SignedInUser, query: ChangeListQuery, utcOffset: string) {
  const limit = query.limit ?? 50;
  const found = await adminChangesWithin(db, {
    path: admin.jurisdictionPath,
    ...periodInstants(query, utcOffset),
    user: query.user,
    action: query.action,
    beforeId: beforeIdOf(changeListCursor, query.cursor),
    limit: limit + 1,
  });
  return pageOf(found, limit, changeListCursor.name, (row) => [row.id] as const);
}

/** Reads of the cases of the admin's place and below, within a period and of one reader when asked. */
export async function caseReadsSeenBy(db: Database, admin: SignedInUser, query: CaseReadListQuery, utcOffset: string) {
  const limit = query.limit ?? 50;
  const found = await caseReadsWithin(db, admin.jurisdictionPath, beforeIdOf(caseReadListCursor, query.cursor), limit + 1, { ...periodInstants(query, utcOffset), reader: query.user });
  return pageOf(found, limit, caseReadListCursor.name, (row) => [row.id] as const);
}
