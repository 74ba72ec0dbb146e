import type { Database } from '../../db/client';
import { caseReadsWithin, recordCaseRead } from '../../db/queries/case-reads';
import type { SignedInUser } from '../../db/queries/users';
import { caseReadListCursor, type CaseReadVia } from '../../schemas/audit';
import { decodeKeyset } from '../../schemas/cursor';
import { pageOf, type PageRequest } from '../kit/paging';
import type { EdgeServices } from '../runtime/edge-services';

/**
 * Records that someone read a whole case, after the answer has gone: the reader never waits on the
 * audit. A write that fails is logged; the read it records has already been answered.
 */
export function noteCaseRead(
  { db, defer }: Pick<EdgeServices, 'db' | 'defer'>,
  reader: SignedInUser,
  theCase: { id: string; jurisdictionPath: string },
  via: CaseReadVia,
) {
  const record = recordCaseRead(db, { caseId: theCase.id, jurisdictionPath: theCase.jurisdictionPath, readerId: reader.id, via, readAt: new Date().toISOString() });
  defer(Promise.resolve(record).catch((error: unknown) => console.error(`audit: the read of case ${theCase.id} by ${reader.id} was not recorded`, error)));
}

/** The reads of the cases of an admin's jurisdiction and below, newest first, a page at a time. */
export async function listCaseReadsFor(db: Database, admin: SignedInUser, page: PageRequest) {
  const limit = page.limit ?? 50;
  const after = page.cursor ? decodeKeyset(caseReadListCursor.name, caseReadListCursor.key, page.cursor) : undefined;
  const found = await caseReadsWithin(db, admin.jurisdictionPath, after?.[0], limit + 1);
  return pageOf(found, limit, caseReadListCursor.name, (read) => [read.id] as const);
}
