import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { attachments, users } from '../schema';

export type NewAttachment = typeof attachments.$inferInsert;

export const insertAttachment = (db: Database, attachment: NewAttachment) => db.insert(attachments).values(attachment);

const listed = {
  id: attachments.id,
  caseId: attachments.caseId,
  kind: attachments.kind,
  contentType: attachments.contentType,
  size: attachments.size,
  fileName: attachments.fileName,
  sha256: attachments.sha256,
  attachedBy: attachments.attachedBy,
  attachedByName: users.name,
  attachedAt: attachments.attachedAt,
  storeKey: attachments.storeKey,
};
export type AttachmentRow = { [K in keyof typeof listed]: (typeof listed)[K]['_']['data'] };

/** A case's attachments in the order they were attached, each with the name of who attached it. */
export const attachmentsOfCase = (db: Database, caseId: string): Promise<AttachmentRow[]> =>
  db.select(listed).from(attachments).innerJoin(users, eq(attachments.attachedBy, users.id)).where(eq(attachments.caseId, caseId)).orderBy(asc(attachments.attachedAt), asc(attachments.id));

/** One attachment of one case: an ID of another case's attachment finds nothing. */
export async function findAttachment(db: Database, caseId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
  const [row] = await db
    .select(listed)
    .from(attachments)
    .innerJoin(users, eq(attachments.attachedBy, users.id))
    .where(and(eq(attachments.caseId, caseId), eq(attachments.id, attachmentId)));
  return row;
}
