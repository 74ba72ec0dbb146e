import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * A secret kept in a `NAME="value"` file that git ignores (.dev.vars, which wrangler also reads, or the county stack's
 * secrets file): read if there, else made once and added.
 */
export function localSecret(file: string, name: string): string {
  const existing = existsSync(file) ? new RegExp(`^${name}\\s*=\\s*"?([^"\\n]+)"?`, 'm').exec(readFileSync(file, 'utf8'))?.[1] : undefined;
  if (existing) return existing;
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${existsSync(file) ? readFileSync(file, 'utf8') : ''}${name}="${secret}"\n`, { mode: 0o600 });
  return secret;
}
