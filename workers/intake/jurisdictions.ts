import type { Database } from '../../db/client';
import { findJurisdiction } from '../../db/queries/cases';
import type { JurisdictionRow } from '../../db/schema';

/**
 * The jurisdiction tree changes a few times a year and every intake reads it, so an isolate keeps what it
 * read for a minute rather than asking D1 again on each filing.
 */
const cacheTtlMs = 60_000;
const cache = new Map<string, { row: JurisdictionRow | undefined; readAt: number }>();

export async function jurisdictionByCode(db: Database, code: string, now = Date.now()): Promise<JurisdictionRow | undefined> {
  const cached = cache.get(code);
  if (cached && now - cached.readAt < cacheTtlMs) return cached.row;
  const row = await findJurisdiction(db, code);
  cache.set(code, { row, readAt: now });
  return row;
}

/** The tree has fixed levels — county, station, community, grid — so a path's second code is its station. */
export const stationCodeOf = (path: string) => path.split('/').filter(Boolean)[1];
