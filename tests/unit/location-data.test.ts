import { describe, expect, it } from 'vitest';
import { withoutLocationData } from '../../domain/attachments/location-data';
import { photoWithGps, photoWithoutGps, pngWithExif, pngWithoutExif } from '../support/photos';

const holds = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));

describe('a photo without where it was taken', () => {
  it('leaves out a JPEG’s Exif APP1 segment and keeps every other byte as it was, the scan included', () => {
    expect(holds(photoWithGps, 'Exif')).toBe(true);
    const stripped = withoutLocationData(photoWithGps, 'image/jpeg');
    expect(holds(stripped, 'Exif')).toBe(false);
    expect([...stripped]).toEqual([...photoWithoutGps]);
  });

  it('leaves a JPEG without Exif as it was', () => {
    expect([...withoutLocationData(photoWithoutGps, 'image/jpeg')]).toEqual([...photoWithoutGps]);
  });

  it('leaves out a PNG’s eXIf chunk', () => {
    const stripped = withoutLocationData(pngWithExif, 'image/png');
    expect(holds(stripped, 'eXIf')).toBe(false);
    expect([...stripped]).toEqual([...pngWithoutExif]);
  });

  it('ends a JPEG whose segments stop making sense rather than pass on what follows', () => {
    // A segment whose length runs past the end of the file: nothing from it on is copied.
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0xff, 0xe1, 0x7f, 0xff, 0x45, 0x78, 0x69, 0x66]);
    expect([...withoutLocationData(broken, 'image/jpeg')]).toEqual([0xff, 0xd8]);
  });

  it('leaves a PDF or a recording as it came', () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n');
    expect(withoutLocationData(pdf, 'application/pdf')).toBe(pdf);
  });
});
