import * as v from 'valibot';
import { instantSchema } from './case-state';

/**
 * What may be attached to a case, by what its bytes are (domain/attachments/file-types.ts): a photo (JPEG or PNG, a
 * scan photographed or saved as an image among them), a scan (PDF), or a recording (MP3, M4A/MP4, AMR, WAV).
 */
export const attachmentKinds = ['photo', 'scan', 'audio'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

/** One attachment as the API lists it; its bytes are at `href`. */
export const attachmentSchema = v.object({
  id: v.pipe(v.string(), v.uuid()),
  caseId: v.pipe(v.string(), v.uuid()),
  kind: v.picklist(attachmentKinds),
  contentType: v.string(),
  size: v.pipe(v.number(), v.integer(), v.minValue(1)),
  fileName: v.pipe(v.string(), v.description('The name the file was sent under; its bytes, not this name, decided its kind.')),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  attachedBy: v.string(),
  attachedByName: v.string(),
  attachedAt: instantSchema,
  href: v.pipe(v.string(), v.description('GET it with the same bearer token for the bytes.')),
});
export type Attachment = v.InferOutput<typeof attachmentSchema>;

export const attachmentListSchema = v.object({ attachments: v.array(attachmentSchema) });
