/**
 * Calls from the workflow worker to the edge's /internal routes carry an HMAC of the request under a shared secret.
 * WebCrypto only, so the same code signs in Node and verifies in workerd.
 */
export const signatureHeader = 'x-fengqiao-signature';

/** A signature older (or newer) than this is refused, so a captured request cannot be replayed later. */
export const signatureToleranceMs = 5 * 60_000;

const encoder = new TextEncoder();

export const toHex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));

const hmacKey = (secret: string, usage: 'sign' | 'verify') =>
  crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);

const signedText = (timestamp: number, method: string, path: string, body: string) =>
  encoder.encode(`${timestamp}\n${method.toUpperCase()}\n${path}\n${body}`);

export async function signRequest(secret: string, method: string, path: string, body: string, now = Date.now()) {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), signedText(now, method, path, body));
  return `t=${now},v1=${toHex(mac)}`;
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
  // WebCrypto compares in constant time: a timing difference would leak how much of a forged signature was right.
  return crypto.subtle.verify('HMAC', await hmacKey(secret, 'verify'), fromHex(match[2]!), signedText(timestamp, method, path, body));
}
