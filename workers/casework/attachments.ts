import { attachmentsOfCase, findAttachment, insertAttachment, type AttachmentRow } from '../../db/queries/attachments';
import type { SignedInUser } from '../../db/queries/users';
import { checkAttachment, sniffedBytes } from '../../domain/attachments/file-types';
import { withoutLocationData } from '../../domain/attachments/location-data';
import { may, mayAttachTo } from '../../domain/permissions';
import type { Attachment } from '../../schemas/attachment';
import type { Refusal } from '../../schemas/refusal';
import { noteCaseRead } from '../cases/case-reads';
import { findVisibleCase } from '../cases/case-view';
import type { EdgeServices } from '../runtime/edge-services';

type Services = Pick<EdgeServices, 'db' | 'attachments' | 'defer' | 'timed'>;

/** An attachment as the API lists it, its bytes at the API's own address. */
export const attachmentOf = (row: AttachmentRow): Attachment => {
  const { storeKey: _, ...listed } = row;
  return { ...listed, href: `/api/cases/${row.caseId}/attachments/${row.id}` };
};

/** The HTTP status a refused file answers with: too large, a type that may not be attached, or a file that lies. */
export const refusedFileStatus = (refused: Refusal) =>
  refused.code === 'attachmentTooLarge' || refused.code === 'uploadTooLarge' ? 413 : refused.code === 'attachmentNotAllowed' ? 415 : 422;

export type AttachAnswer =
  | { kind: 'attached'; attachment: Attachment }
  | { kind: 'notFound' }
  | { kind: 'forbidden' }
  | { kind: 'refused'; refusal: Refusal; status: 413 | 415 | 422 };

/** A name as a file came with, without the folders some systems send with it, and short enough to show. */
const fileNameOf = (name: string) => name.split(/[\\/]/).pop()!.replace(/[\p{Cc}]/gu, '').trim().slice(0, 200) || 'attachment';

const hex = (digest: ArrayBuffer) => [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * Attaches a file to a case, for someone who works it. Its kind is what its bytes are; its name is kept as it was
 * sent, to show. The bytes are stored before the row: a row never names bytes that are not there, and bytes whose row
 * was never written are named by nothing and never shown.
 */
export async function attachToCase(services: Services, user: SignedInUser, caseId: string, file: File): Promise<AttachAnswer> {
  const detail = await services.timed('case', findVisibleCase(services.db, user, caseId));
  if (!detail) return { kind: 'notFound' };
  if (!mayAttachTo(user, detail.case)) return { kind: 'forbidden' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const fileName = fileNameOf(file.name);
  const check = checkAttachment({ name: fileName, size: bytes.length, head: bytes.subarray(0, sniffedBytes) });
  if (!check.ok) return { kind: 'refused', refusal: check.refusal, status: refusedFileStatus(check.refusal) };

  const id = crypto.randomUUID();
  const row = {
    id,
    caseId,
    kind: check.type.kind,
    contentType: check.type.contentType,
    size: bytes.length,
    fileName,
    sha256: hex(await crypto.subtle.digest('SHA-256', bytes)),
    attachedBy: user.id,
    attachedAt: new Date().toISOString(),
    storeKey: `cases/${caseId}/${id}`,
  };
  await services.timed('file', services.attachments.put(row.storeKey, bytes, row.contentType));
  await services.timed('record', insertAttachment(services.db, row));
  return { kind: 'attached', attachment: attachmentOf({ ...row, attachedByName: user.name }) };
}

/** A case's attachments, for whoever may read the case; undefined when they may not, as for no such case. */
export async function listAttachments(services: Services, user: SignedInUser, caseId: string): Promise<AttachmentRow[] | undefined> {
  const detail = await services.timed('case', findVisibleCase(services.db, user, caseId));
  if (!detail) return undefined;
  return attachmentsOfCase(services.db, caseId);
}

export interface OpenedAttachment {
  attachment: AttachmentRow;
  bytes: Uint8Array;
}

/**
 * An attachment's bytes, for whoever may read the case, the download recorded in the audit as a read of the case. A
 * photo reaches a reader who does not need where it was taken without its location data; the stored original keeps it.
 */
export async function openAttachment(services: Services, user: SignedInUser, caseId: string, attachmentId: string): Promise<OpenedAttachment | undefined> {
  const [detail, attachment] = await services.timed('case', Promise.all([findVisibleCase(services.db, user, caseId), findAttachment(services.db, caseId, attachmentId)]));
  if (!detail || !attachment) return undefined;
  const stored = await services.timed('file', services.attachments.get(attachment.storeKey));
  if (!stored) {
    console.error(`attachment ${attachment.id} of case ${caseId} is recorded but its bytes are not in the store (${attachment.storeKey})`);
    return undefined;
  }
  noteCaseRead(services, user, detail.case, 'attachment', attachment.id);
  const bytes = attachment.kind === 'photo' && !may(user.role, 'readPhotoLocation') ? withoutLocationData(stored.bytes, attachment.contentType) : stored.bytes;
  return { attachment, bytes };
}

/** Content-Disposition for a file's own name: an ASCII stand-in for old clients, the name itself per RFC 6266/5987. */
export function contentDisposition(fileName: string, disposition: 'inline' | 'attachment' = 'inline'): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The answer that carries an attachment's bytes: its own type, never sniffed, never kept on the way. */
export const attachmentResponse = ({ attachment, bytes }: OpenedAttachment) =>
  new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': attachment.contentType,
      'content-length': String(bytes.length),
      'content-disposition': contentDisposition(attachment.fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
