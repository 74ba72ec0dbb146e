import type { Database } from '../../db/client';
import { countListedByStation, type CaseListFilter } from '../../db/queries/case-lists';
import { jurisdictionByCode } from '../county/jurisdictions';

export type StationTotals = { code: string; name: string; cases: number; overdue: number }[];

/**
 * The list's cases counted per station over every page of its filter, each station by its name, the most cases
 * first. Undefined when the filter lies inside one station: its totals would only repeat the count above the list.
 */
export async function stationTotalsOf(db: Database, filter: CaseListFilter): Promise<StationTotals | undefined> {
  if (filter.station) return undefined;
  const counts = await countListedByStation(db, filter);
  const named = await Promise.all(counts.map(async (row) => ({ ...row, code: row.station, name: (await jurisdictionByCode(db, row.station))?.name ?? row.station })));
  return named.map(({ station: _, ...row }) => row).sort((a, b) => b.cases - a.cases || a.code.localeCompare(b.code));
}
