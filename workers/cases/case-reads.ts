import { recordCaseRead } from '../../db/queries/case-reads';
import type { SignedInUser } from '../../db/queries/users';
import type { CaseReadVia } from '../../schemas/audit';
import type { EdgeServices } from '../runtime/edge-services';

/**
 * Records that someone read a whole case, or downloaded one of its attachments, after the answer has gone: the reader never waits on the
 * audit. A write that fails is logged; the read it records has already been answered.
 */
export function noteCaseRead(
  { db, defer }: Pick<EdgeServices, 'db' | 'defer'>,
  reader: SignedInUser,
  theCase: { id: string; jurisdictionPath: string },
  via: CaseReadVia,
  attachmentId?: string,
) {
  const read = { caseId: theCase.id, jurisdictionPath: theCase.jurisdictionPath, readerId: reader.id, via, readAt: new Date().toISOString(), attachmentId };
  const record = recordCaseRead(db, read);
  defer(Promise.resolve(record).catch((error: unknown) => console.error(`audit: the read of case ${theCase.id} by ${reader.id} was not recorded`, error)));
}
