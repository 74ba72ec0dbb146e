import { describe, expect, it } from 'vitest';
import { attachmentLimitBytes, checkAttachment, fileTypeOf } from '../../domain/attachments/file-types';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : part)));

const png = bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR');
const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');
const pdf = bytes('%PDF-1.7\n%');

describe('what a file is, by its first bytes', () => {
  it.each([
    ['a JPEG', jpeg, 'photo', 'image/jpeg'],
    ['a PNG', png, 'photo', 'image/png'],
    ['a PDF', pdf, 'scan', 'application/pdf'],
    ['an MP3 with an ID3 tag', bytes('ID3', [4, 0, 0, 0, 0, 0, 0]), 'audio', 'audio/mpeg'],
    ['an MP3 that starts with a frame', bytes([0xff, 0xfb, 0x90, 0x64]), 'audio', 'audio/mpeg'],
    ['an M4A from a phone’s recorder', bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]), 'audio', 'audio/mp4'],
    ['an MP4 of the iso brand', bytes([0, 0, 0, 0x18], 'ftypisom'), 'audio', 'audio/mp4'],
    ['a 3GP recording', bytes([0, 0, 0, 0x18], 'ftyp3gp4'), 'audio', 'audio/3gpp'],
    ['an AMR recording', bytes('#!AMR\n'), 'audio', 'audio/amr'],
    ['a WAV recording', bytes('RIFF', [0x24, 0x08, 0, 0], 'WAVEfmt '), 'audio', 'audio/wav'],
  ])('%s is taken as what it is', (_, head, kind, contentType) => {
    expect(fileTypeOf(head)).toEqual({ kind, contentType });
  });

  it.each([
    ['a Word file (a zip)', bytes('PK', [3, 4, 20, 0])],
    ['a Windows program', bytes('MZ', [0x90, 0])],
    ['text', bytes('hello, 调解')],
    ['AAC without a container (ADTS: not MP3)', bytes([0xff, 0xf1, 0x50, 0x80])],
    ['a RIFF that is not a WAV (an AVI)', bytes('RIFF', [0, 0, 0, 0], 'AVI ')],
    ['nothing', new Uint8Array()],
  ])('%s is none of the allowed types', (_, head) => {
    expect(fileTypeOf(head)).toBeUndefined();
  });
});

describe('whether a file may be attached', () => {
  it('takes a PNG sent as agreement.pdf as the PNG its bytes are', () => {
    expect(checkAttachment({ name: 'agreement.pdf', size: 2048, head: png })).toEqual({ ok: true, type: { kind: 'photo', contentType: 'image/png' } });
  });

  it('refuses a file named .pdf whose bytes are nothing allowed, naming what the name claimed', () => {
    const head = bytes('PK', [3, 4, 20, 0]);
    expect(checkAttachment({ name: '协议.PDF', size: 2048, head })).toEqual({ ok: false, refusal: { code: 'attachmentNotWhatItSays', params: { name: '协议.PDF', claimed: 'PDF' } } });
    expect(checkAttachment({ name: 'minutes.docx', size: 2048, head })).toEqual({ ok: false, refusal: { code: 'attachmentNotAllowed', params: { name: 'minutes.docx' } } });
  });

  it('holds each kind to its own limit: a photo to 10 MB, a scan to 20 MB, a recording to 50 MB', () => {
    const mb = 1024 * 1024;
    expect(attachmentLimitBytes('photo')).toBe(10 * mb);
    expect(checkAttachment({ name: 'scene.jpg', size: 10 * mb, head: jpeg }).ok).toBe(true);
    expect(checkAttachment({ name: 'scene.jpg', size: 10 * mb + 1, head: jpeg })).toEqual({ ok: false, refusal: { code: 'attachmentTooLarge', params: { kind: 'photo', limit: 10 } } });
    expect(checkAttachment({ name: 'agreement.pdf', size: 15 * mb, head: pdf }).ok).toBe(true);
    expect(checkAttachment({ name: 'agreement.pdf', size: 21 * mb, head: pdf })).toMatchObject({ ok: false, refusal: { params: { kind: 'scan', limit: 20 } } });
  });

  it('refuses an empty file as empty, whatever its name', () => {
    expect(checkAttachment({ name: 'scene.jpg', size: 0, head: new Uint8Array() })).toEqual({ ok: false, refusal: { code: 'attachmentEmpty', params: { name: 'scene.jpg' } } });
  });
});
