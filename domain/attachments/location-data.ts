/**
 * A photo without the data that says where it was taken, for a reader who needs the picture but not the place
 * (domain/permissions.ts, `readPhotoLocation`). A phone writes GPS into a JPEG's Exif (an APP1 segment) and sometimes
 * into XMP (another APP1); a PNG may carry Exif in an eXIf chunk and XMP in an iTXt chunk. Those are left out, the
 * picture itself is copied untouched. What else Exif held goes with them, the camera's orientation among it: a photo
 * taken sideways may show sideways.
 */
export function withoutLocationData(bytes: Uint8Array, contentType: string): Uint8Array {
  if (contentType === 'image/jpeg') return jpegWithoutApp1(bytes);
  if (contentType === 'image/png') return pngWithoutMetadataChunks(bytes);
  return bytes;
}

const app1 = 0xe1;
const startOfScan = 0xda;
const endOfImage = 0xd9;
/** Markers that stand alone, without a length: the restart markers and TEM. */
const standsAlone = (marker: number) => (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;

/**
 * The JPEG's segments up to the start of its scan, each APP1 left out, then the scan and all after it as they were.
 * Where the segments stop making sense the copy ends, rather than pass on what might be location data.
 */
function jpegWithoutApp1(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return bytes;
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1]!;
    // Fill bytes (FF FF …) may stand before a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === endOfImage || standsAlone(marker)) {
      kept.push(bytes.subarray(at, at + 2));
      at += 2;
      if (marker === endOfImage) break;
      continue;
    }
    if (at + 3 >= bytes.length) break;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) break;
    if (marker === startOfScan) {
      kept.push(bytes.subarray(at));
      at = bytes.length;
      break;
    }
    if (marker !== app1) kept.push(bytes.subarray(at, end));
    at = end;
  }
  return joined(kept);
}

const pngSignatureLength = 8;
const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const xmpKeyword = 'XML:com.adobe.xmp';

/** The PNG's chunks without eXIf, and without the iTXt that holds XMP. */
function pngWithoutMetadataChunks(bytes: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [bytes.subarray(0, pngSignatureLength)];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = pngSignatureLength;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > bytes.length) break;
    const type = ascii(bytes.subarray(at + 4, at + 8));
    const isXmp = type === 'iTXt' && ascii(bytes.subarray(at + 8, at + 8 + Math.min(length, xmpKeyword.length + 1))) === `${xmpKeyword}\0`;
    if (type !== 'eXIf' && !isXmp) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return joined(kept);
}

function joined(parts: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}
