import type { Database } from '../../db/client';
import { countOverdueByStation } from '../../db/queries/overdue-counts';
import { canSee, visiblePathOf } from '../../domain/jurisdiction';
import type { Role } from '../../schemas/vocabulary';
import { jurisdictionByCode } from '../county/jurisdictions';

/**
 * What is late now, station by station, within the reader's jurisdiction or a part of it: the same cases as the
 * board's overdue filter, most first. Undefined when the jurisdiction asked for is not the reader's to see.
 */
export async function overdueByStation(db: Database, reader: { role: Role; jurisdictionPath: string }, jurisdiction?: string) {
  const within = jurisdiction ? await jurisdictionByCode(db, jurisdiction) : undefined;
  if (jurisdiction && (!within || !canSee(reader, within.path))) return undefined;
  const counts = await countOverdueByStation(db, within?.path ?? visiblePathOf(reader));
  const named = await Promise.all(
    counts.map(async ({ station, overdue }) => ({ code: station, name: (await jurisdictionByCode(db, station))?.name ?? station, overdue })),
  );
  return named.sort((a, b) => b.overdue - a.overdue || a.code.localeCompare(b.code));
}
