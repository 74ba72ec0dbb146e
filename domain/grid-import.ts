import { jurisdictionCodePattern } from '../schemas/jurisdictions';
import { canManage } from './jurisdiction';
import { parentRefusal, type Place } from './jurisdiction-changes';

/** A row of a county's grid-cell sheet as read, its cells trimmed; `line` is the sheet's own row number. */
export interface GridRow {
  line: number;
  code: string;
  name: string;
  parentCode: string;
}

/** Why a row is not added; each has its words in the catalogs (`places.reject.<code>`). */
export const rowRejections = ['codeMalformed', 'nameEmpty', 'nameTooLong', 'duplicateInFile', 'codeTaken', 'parentUnknown', 'parentNotCommunity', 'parentRetired'] as const;
export type RowRejection = (typeof rowRejections)[number];

export type CheckedRow = GridRow & ({ result: 'add' } | { result: 'reject'; reason: RowRejection });

export const nameLimit = 100;

/**
 * Every row with what becomes of it, in the file's order, so the admin sees each rejected row and why before anything
 * is written. A code twice in the file rejects its later rows; the first is judged on its own. `placeOf` finds a place
 * by code anywhere (a taken code may be another county's).
 */
export function checkGridRows(admin: { jurisdictionPath: string }, rows: readonly GridRow[], placeOf: (code: string) => Place | undefined): CheckedRow[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    const reason = rejectionOf(admin, row, seen, placeOf);
    seen.add(row.code);
    return reason ? { ...row, result: 'reject', reason } : { ...row, result: 'add' };
  });
}

function rejectionOf(admin: { jurisdictionPath: string }, row: GridRow, seen: ReadonlySet<string>, placeOf: (code: string) => Place | undefined): RowRejection | undefined {
  if (!jurisdictionCodePattern.test(row.code)) return 'codeMalformed';
  if (!row.name) return 'nameEmpty';
  if ([...row.name].length > nameLimit) return 'nameTooLong';
  if (seen.has(row.code)) return 'duplicateInFile';
  if (placeOf(row.code)) return 'codeTaken';
  const parent = placeOf(row.parentCode);
  if (!parent || !canManage(admin, parent.path)) return 'parentUnknown';
  const refused = parentRefusal(parent, 'grid');
  if (refused === 'parentRetired') return 'parentRetired';
  if (refused) return 'parentNotCommunity';
  return undefined;
}
