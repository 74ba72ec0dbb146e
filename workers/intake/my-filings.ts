import type { Database } from '../../db/client';
import { listFilingsOf } from '../../db/queries/filings';
import type { SignedInUser } from '../../db/queries/users';
import { visiblePathOf } from '../../domain/jurisdiction';
import { maskContactsInText } from '../../domain/masking';
import { may } from '../../domain/permissions';

/** How many of their reports a filer sees: the last weeks of a grid worker's work, one screen on a phone. */
export const filingsShown = 50;

/** "My filings": what this person reported, newest first, with its status; contacts masked as their role reads them. */
export async function myFilings(db: Database, user: SignedInUser, limit = filingsShown) {
  const rows = await listFilingsOf(db, { id: user.id, jurisdictionPath: visiblePathOf(user) }, limit);
  return may(user.role, 'readContacts') ? rows : rows.map((row) => ({ ...row, address: maskContactsInText(row.address) }));
}

export type MyFiling = Awaited<ReturnType<typeof myFilings>>[number];
