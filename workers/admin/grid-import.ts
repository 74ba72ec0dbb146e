import type { Database } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { findJurisdictionsByCode, insertJurisdictions } from '../../db/queries/jurisdictions';
import { checkGridRows, type CheckedRow, type GridRow } from '../../domain/grid-import';
import { codesOf, placeBelow } from '../../domain/jurisdiction';
import { recordChange } from '../../db/queries/audit-trail';
import { forgetJurisdictions } from '../county/jurisdictions';
import type { Manager } from './manage-jurisdictions';

/** Every row of a sheet with what would become of it, read against the tree as it stands now. */
export async function checkImport(db: Database, admin: Manager, rows: readonly GridRow[]) {
  const codes = [...new Set(rows.flatMap((row) => [row.code, row.parentCode]).filter(Boolean))];
  const places = new Map((await findJurisdictionsByCode(db, codes)).map((place) => [place.code, place]));
  return { checked: checkGridRows(admin, rows, (code) => places.get(code)), places };
}

export type ImportAnswer = { kind: 'written'; added: number } | { kind: 'changed'; rows: CheckedRow[] };

/**
 * Writes the rows that pass, checked again now (the preview's rows came back from the browser, and the tree may have
 * changed since), in one batch. A code taken in between fails the batch: nothing is written, and the rows are shown
 * again as they now stand.
 */
export async function writeImport(db: Database, admin: Manager, rows: readonly GridRow[]): Promise<ImportAnswer> {
  const { checked, places } = await checkImport(db, admin, rows);
  const added = checked.flatMap((row) => {
    const parent = places.get(row.parentCode);
    const place = row.result === 'add' && parent ? placeBelow(parent, row.code) : undefined;
    return place ? [{ code: row.code, name: row.name, parentCode: row.parentCode, ...place }] : [];
  });
  try {
    await insertJurisdictions(db, added);
  } catch (error) {
    if (isUniqueViolation(error, 'jurisdictions')) return { kind: 'changed', rows: (await checkImport(db, admin, rows)).checked };
    throw error;
  }
  forgetJurisdictions();
  if (added.length) await recordChange(db, admin.id, { action: 'gridImported', targetKind: 'place', targetId: codesOf(admin.jurisdictionPath).at(-1) ?? '', detail: { added: added.length, codes: added.map((row) => row.code) } });
  return { kind: 'written', added: added.length };
}
