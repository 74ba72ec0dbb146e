/** Small files as a phone makes them, byte for byte where it matters: what the attachment tests send and take apart. */

const bytesOf = (...parts: (string | number[] | Uint8Array)[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : [...part])));

/** A JPEG segment: its marker and its length, which counts itself and the payload. */
const segment = (marker: number, payload: Uint8Array) => bytesOf([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff], payload);

/**
 * Exif as a phone writes it, cut down to where the photo was taken: a big-endian TIFF header, IFD0 with one entry
 * pointing to the GPS IFD, and there the latitude's hemisphere (N) and the latitude itself (30° 14′ 52″, Hangzhou).
 */
export const exifWithGps = bytesOf(
  'Exif',
  [0, 0],
  'MM',
  [0, 0x2a, 0, 0, 0, 8],
  // IFD0: one entry, GPSInfo (0x8825), LONG, 1, at offset 26; no next IFD.
  [0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0],
  // GPS IFD: GPSLatitudeRef 'N', GPSLatitude three RATIONALs at offset 56; no next IFD.
  [0, 2, 0, 1, 0, 2, 0, 0, 0, 2, ...[0x4e, 0, 0, 0], 0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56, 0, 0, 0, 0],
  [0, 0, 0, 30, 0, 0, 0, 1, 0, 0, 0, 14, 0, 0, 0, 1, 0, 0, 0, 52, 0, 0, 0, 1],
);

const jfif = segment(0xe0, bytesOf('JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
const quantisation = segment(0xdb, bytesOf([0], new Array(64).fill(1)));
const frame = segment(0xc0, bytesOf([8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
const scanHeader = segment(0xda, bytesOf([1, 1, 0, 0, 0x3f, 0]));
/** Entropy-coded data, with a stuffed FF 00 and a restart marker in it, as a scan has. */
const scanData = bytesOf([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78]);
const endOfImage = bytesOf([0xff, 0xd9]);

/** A photo without location data: what a reader who may not know the place gets of `photoWithGps`. */
export const photoWithoutGps = bytesOf([0xff, 0xd8], jfif, quantisation, frame, scanHeader, scanData, endOfImage);

/** The same photo as the phone saved it, its Exif (with GPS) in an APP1 segment after the JFIF one. */
export const photoWithGps = bytesOf([0xff, 0xd8], jfif, segment(0xe1, exifWithGps), quantisation, frame, scanHeader, scanData, endOfImage);

/** A PNG's chunk: length, type, data, and a CRC (not checked by anything here, so zero). */
const chunk = (type: string, data: Uint8Array) => bytesOf([0, 0, (data.length >> 8) & 0xff, data.length & 0xff], type, data, [0, 0, 0, 0]);
const pngSignature = bytesOf([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]);
const header = chunk('IHDR', bytesOf([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]));
const pixels = chunk('IDAT', bytesOf([0x78, 0x9c, 0x62, 0, 1, 0, 0, 5, 0, 1]));
const end = chunk('IEND', new Uint8Array());

export const pngWithoutExif = bytesOf(pngSignature, header, pixels, end);
export const pngWithExif = bytesOf(pngSignature, header, chunk('eXIf', exifWithGps.subarray(6)), pixels, end);
