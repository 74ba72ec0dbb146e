import { refusal, type Refusal } from '../../schemas/refusal';
import type { AttachmentKind } from '../../schemas/attachment';

const megabyte = 1024 * 1024;

/**
 * How large each kind may be: a photo 10 MB (a phone's camera makes 2–8 MB), a scan 20 MB (a signed agreement of a
 * few pages), a recording 50 MB (an hour of a mediation session at a phone's voice quality).
 */
export const attachmentLimitsMb: Record<AttachmentKind, number> = { photo: 10, scan: 20, audio: 50 };
export const attachmentLimitBytes = (kind: AttachmentKind) => attachmentLimitsMb[kind] * megabyte;
/** The most any attachment may be, and what a request carrying one may be beyond it (the form's other fields). */
export const largestAttachmentBytes = Math.max(...Object.values(attachmentLimitsMb)) * megabyte;
export const attachmentBodyBytes = largestAttachmentBytes + 64 * 1024;

/** How many of a file's first bytes tell what it is. */
export const sniffedBytes = 16;

export interface FileType {
  kind: AttachmentKind;
  contentType: string;
}

const startsWith = (bytes: Uint8Array, expected: readonly number[], at = 0) => expected.every((byte, index) => bytes[at + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/**
 * An MPEG audio frame's header, as a file without an ID3 tag begins: 11 bits of sync, a layer that exists, a bitrate
 * and sample rate that are not the reserved ones. A JPEG's FF D8 fails the sync's last three bits; AAC's ADTS (layer 00)
 * is not MP3.
 */
const isMpegFrame = (bytes: Uint8Array) =>
  bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0 && ((bytes[1] ?? 0) & 0x06) !== 0 && ((bytes[2] ?? 0) & 0xf0) !== 0xf0 && ((bytes[2] ?? 0) & 0x0c) !== 0x0c;

/** 3GPP's brands: a phone's voice recorder saves AMR or AAC in a .3gp file. */
const threeGppBrand = /^3g[p2]/;

/** What the first bytes of a file say it is, when it is something that may be attached; its name is not asked. */
export function fileTypeOf(head: Uint8Array): FileType | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'photo', contentType: 'image/jpeg' };
  if (startsWith(head, [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'photo', contentType: 'image/png' };
  if (startsWith(head, ascii('%PDF-'))) return { kind: 'scan', contentType: 'application/pdf' };
  if (startsWith(head, ascii('ID3')) || isMpegFrame(head)) return { kind: 'audio', contentType: 'audio/mpeg' };
  if (startsWith(head, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...head.subarray(8, 12));
    return { kind: 'audio', contentType: threeGppBrand.test(brand) ? 'audio/3gpp' : 'audio/mp4' };
  }
  if (startsWith(head, ascii('#!AMR'))) return { kind: 'audio', contentType: 'audio/amr' };
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WAVE'), 8)) return { kind: 'audio', contentType: 'audio/wav' };
  return undefined;
}

/** The names of the types that may be attached, as a file's name ends: what a name claims, to say back when its bytes are not. */
const claimedByName: Record<string, string> = {
  jpg: 'JPEG',
  jpeg: 'JPEG',
  png: 'PNG',
  pdf: 'PDF',
  mp3: 'MP3',
  m4a: 'M4A',
  mp4: 'MP4',
  '3gp': '3GP',
  amr: 'AMR',
  wav: 'WAV',
};

export type AttachmentCheck = { ok: true; type: FileType } | { ok: false; refusal: Refusal };

/**
 * Whether a file may be attached, decided by its bytes: a PNG sent as agreement.pdf is taken as the PNG it is, and
 * a file whose bytes are none of the allowed types is refused, saying so apart when its name claims one of them.
 */
export function checkAttachment(file: { name: string; size: number; head: Uint8Array }): AttachmentCheck {
  if (file.size === 0) return { ok: false, refusal: refusal('attachmentEmpty', { name: file.name }) };
  const type = fileTypeOf(file.head);
  if (!type) {
    const claimed = claimedByName[/\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? ''];
    return { ok: false, refusal: claimed ? refusal('attachmentNotWhatItSays', { name: file.name, claimed }) : refusal('attachmentNotAllowed', { name: file.name }) };
  }
  const limit = attachmentLimitsMb[type.kind];
  if (file.size > limit * megabyte) return { ok: false, refusal: refusal('attachmentTooLarge', { kind: type.kind, limit }) };
  return { ok: true, type };
}
