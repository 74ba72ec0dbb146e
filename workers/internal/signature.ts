/**
 * Calls from the workflow worker to the edge's /internal routes carry an HMAC of the request under a shared secret.
 * WebCrypto only, so the same code signs in Node and verifies in workerd.
 */
import { toHex } from '../crypto';

export const signatureHeader = 'x-fengqiao-signature';

/** A signature older (or newer) than this is refused, so a captured request cannot be replayed later. */
export const signatureToleranceMs = 5 * 60_000;

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toHex(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}

const signedText = (timestamp: number, method: string, path: string, body: string) =>
  `${timestamp}\n${method.toUpperCase()}\n${path}\n${body}`;

export async function signRequest(secret: string, method: string, path: string, body: string, now = Date.now()) {
  return `t=${now},v1=${await hmacHex(secret, signedText(now, method, path, body))}`;
}

export async function verifyRequest(
  secret: string,
  header: string | undefined,
  method: string,
  path: string,
  body: string,
  now = Date.now(),
): Promise<boolean> {
  const match = header && /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now - timestamp) > signatureToleranceMs) return false;
  const expected = await hmacHex(secret, signedText(timestamp, method, path, body));
  // Compare in constant time: a timing difference would leak how much of a forged signature was right.
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ match[2]!.charCodeAt(i);
  return difference === 0;
}
