import { scryptAsync } from '@noble/hashes/scrypt.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, passwordKdf, passwordNeedsRehash, verifyPassword } from '../../workers/runtime/passwords';

// Each hash takes a few hundred milliseconds: this file hashes eleven times, two of them at a quarter of the cost.
describe('account passwords', () => {
  const password = 'Tiáojiě-2025 调解';
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword(password);
  });

  it('are stored as a PHC string that names the parameters and holds neither the password nor its encoding', () => {
    expect(passwordKdf).toEqual({ name: 'scrypt', ln: 14, r: 8, p: 5, keyLength: 32, saltLength: 16 });
    expect(stored).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(stored).not.toContain(password);
    expect(stored).not.toContain('Tiáojiě');
    expect(stored).not.toContain(Buffer.from(password).toString('base64').slice(0, 12));
    expect(passwordNeedsRehash(stored)).toBe(false);
  });

  it('verify the right password and refuse a wrong one, an empty one and one differing in a single character', async () => {
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword('hunter2', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    expect(await verifyPassword('Tiáojiě-2026 调解', stored)).toBe(false);
  });

  it('are salted: the same password hashes differently each time', async () => {
    const again = await hashPassword(password);
    expect(again).not.toBe(stored);
    expect(again.split('$')[3]).not.toBe(stored.split('$')[3]);
  });

  it('still verify under older parameters, which then ask to be hashed again', async () => {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const hash = await scryptAsync(password, salt, { N: 2 ** 12, r: 8, p: 1, dkLen: 32 });
    const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');
    const older = `$scrypt$ln=12,r=8,p=1$${b64(salt)}$${b64(hash)}`;
    expect(await verifyPassword(password, older)).toBe(true);
    expect(passwordNeedsRehash(older)).toBe(true);
  });

  it('refuse a malformed stored string without throwing, and ask for it to be replaced', async () => {
    const [, , , salt, hash] = stored.split('$');
    const malformed = [
      '',
      '$scrypt$',
      '$scrypt$ln=14,r=8,p=5$',
      `$scrypt$ln=14,r=8,p=5$${salt}`,
      `$scrypt$ln=14,r=8,p=5$${salt}$not*base64!`,
      `$scrypt$ln=14,r=8,p=5$${salt}$${hash}=`,
      `$scrypt$ln=40,r=8,p=5$${salt}$${hash}`,
      `$scrypt$ln=14,r=0,p=5$${salt}$${hash}`,
      `$scrypt$ln=14,r=8,p=99$${salt}$${hash}`,
      // Within each bound, but 4 GiB: more memory than a Worker has, refused before any is taken.
      `$scrypt$ln=20,r=32,p=16$${salt}$${hash}`,
      `$scrypt$ln=14,r=8$${salt}$${hash}`,
      `$argon2id$ln=14,r=8,p=5$${salt}$${hash}`,
      `${stored}$`,
    ];
    for (const text of malformed) {
      await expect(verifyPassword(password, text), text).resolves.toBe(false);
      expect(passwordNeedsRehash(text), text).toBe(true);
    }
    await expect(verifyPassword(password, undefined as unknown as string)).resolves.toBe(false);
  });

  it('accept the composed and the decomposed form of the same characters', async () => {
    // Pinyin tone marks and accents, as one keyboard composes them and another decomposes them.
    const composed = '调解员 Lǜ Zhāng, café'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const fromDecomposed = await hashPassword(decomposed);
    expect(await verifyPassword(composed, fromDecomposed)).toBe(true);
    expect(await verifyPassword(decomposed, fromDecomposed)).toBe(true);
  });
});
