import { toHex } from '../../schemas/internal-signature';

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

export function randomToken(bytes = 24): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Letters and digits nobody mistakes for each other when read out or copied from paper: no 0/O, 1/I/L, 2/Z, 5/S. */
const plainAlphabet = 'ABCDEFGHJKMNPQRTUVWXY346789';

/** A one-time code to read out or hand over on paper: 12 characters in groups of four, about 57 bits. */
export function oneTimeCode(): string {
  const picks = crypto.getRandomValues(new Uint32Array(12));
  const chars = Array.from(picks, (pick) => plainAlphabet[pick % plainAlphabet.length]!);
  return [0, 4, 8].map((start) => chars.slice(start, start + 4).join('')).join('-');
}

/** A code as typed: case, spaces and dashes do not matter. */
export const normalisedCode = (typed: string) => typed.toUpperCase().replace(/[\s-]+/g, '');
