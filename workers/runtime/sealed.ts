/**
 * Secrets kept in D1 (an identity provider's client secret) are sealed with AES-GCM under a key drawn from the
 * deployment's INTERNAL_SECRET by HKDF, so a copy of the database alone does not hand them out.
 */
const purpose = new TextEncoder().encode('fengqiao sealed settings v1');

async function sealingKey(secret: string) {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: purpose }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** `iv.ciphertext`, each in base64. */
export async function seal(plain: string, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await sealingKey(secret), new TextEncoder().encode(plain));
  return `${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`;
}

export async function unseal(sealed: string, secret: string): Promise<string> {
  const [iv, data] = sealed.split('.');
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(iv ?? '') }, await sealingKey(secret), fromBase64(data ?? ''));
  return new TextDecoder().decode(plain);
}
