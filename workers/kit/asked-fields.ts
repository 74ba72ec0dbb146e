import type { Context } from 'hono';
import type { AppEnv } from '../env';

/** A GET form sends every field, the empty ones too: an empty field asks for nothing. The language is the cookie's. */
export function askedFields(c: Context<AppEnv>): Record<string, string> {
  const asked = Object.entries(c.req.query()).filter(([name, value]) => value.trim() !== '' && name !== 'lang' && name !== 'format');
  return Object.fromEntries(asked);
}
