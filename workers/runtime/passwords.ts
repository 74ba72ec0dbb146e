/**
 * Account passwords, hashed with scrypt from @noble/hashes. workerd caps PBKDF2 at 100,000 iterations, well below
 * OWASP's 600,000, and refuses WASM compiled at run time, so the KDF is pure JavaScript and runs alike on workerd and
 * Node. N=2^14, r=8, p=5 is one of OWASP's scrypt settings and needs 16 MiB, which a Worker's 128 MB can spare.
 *
 * Hashes are stored as PHC strings, `$scrypt$ln=14,r=8,p=5$<salt>$<hash>`, so the parameters can be raised later
 * while older hashes still verify; `passwordNeedsRehash` tells when to store a fresh one after a good sign-in.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';

export const passwordKdf = { name: 'scrypt', ln: 14, r: 8, p: 5, keyLength: 32, saltLength: 16 } as const;

// A stored string may ask for more than today's cost, but never for more memory than a Worker can give it.
const maxMemory = 64 * 1024 * 1024 + 64 * 1024;

type Stored = { ln: number; r: number; p: number; salt: Uint8Array; hash: Uint8Array };

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(passwordKdf.saltLength));
  const { ln, r, p } = passwordKdf;
  const hash = await derive(password, { ln, r, p, salt, keyLength: passwordKdf.keyLength });
  return `$scrypt$ln=${ln},r=${r},p=${p}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** False for a wrong password and for anything that is not a stored hash we can read; it never throws. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  try {
    const hash = await derive(password, { ...parsed, keyLength: parsed.hash.length });
    return sameBytes(hash, parsed.hash);
  } catch {
    return false;
  }
}

export function passwordNeedsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return (
    !parsed ||
    parsed.ln !== passwordKdf.ln ||
    parsed.r !== passwordKdf.r ||
    parsed.p !== passwordKdf.p ||
    parsed.salt.length !== passwordKdf.saltLength ||
    parsed.hash.length !== passwordKdf.keyLength
  );
}

function derive(password: string, { ln, r, p, salt, keyLength }: Omit<Stored, 'hash'> & { keyLength: number }) {
  // NFC: a Chinese IME and a phone keyboard may compose the same characters differently, and both must sign in.
  return scryptAsync(password.normalize('NFC'), salt, { N: 2 ** ln, r, p, dkLen: keyLength, maxmem: maxMemory });
}

function parse(stored: string): Stored | undefined {
  const parts = typeof stored === 'string' ? stored.split('$') : [];
  if (parts.length !== 5 || parts[0] !== '' || parts[1] !== 'scrypt') return undefined;
  const params = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})$/.exec(parts[2]!);
  if (!params) return undefined;
  const [ln, r, p] = params.slice(1).map(Number) as [number, number, number];
  if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  const salt = fromBase64(parts[3]!);
  const hash = fromBase64(parts[4]!);
  if (!salt || !hash || salt.length < 8 || hash.length < 16 || hash.length > 64) return undefined;
  return { ln, r, p, salt, hash };
}

// Every byte is compared, so the time taken does not tell how much of a guess was right.
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

// PHC strings use standard base64 without padding. No Buffer: this runs on workerd too.
function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');
}

function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]+$/.test(text) || text.length % 4 === 1) return undefined;
  try {
    return Uint8Array.from(atob(text + '='.repeat((4 - (text.length % 4)) % 4)), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
