import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { createSession } from '../../db/queries/accounts';
import { oneTimeSessionMs } from '../../domain/sign-in-backoff';
import type { AppEnv } from '../env';
import { sessionCookie } from '../middleware/auth';
import { sessionLimitsOf } from '../middleware/session-limits';
import { randomToken, sha256Hex } from '../runtime/crypto';

/** A page session for the person, in D1 and in the browser's cookie; a one-time code's lasts minutes, not a day. */
export async function beginSession(c: Context<AppEnv>, userId: string, purpose: 'work' | 'set_password', now = new Date()) {
  const session = randomToken();
  const lastsMs = purpose === 'set_password' ? oneTimeSessionMs : sessionLimitsOf(c.env).absoluteMs;
  const expires = new Date(now.getTime() + lastsMs);
  await createSession(c.get('services').db, { tokenHash: await sha256Hex(session), userId, expiresAt: expires.toISOString(), purpose, now: now.toISOString() });
  setCookie(c, sessionCookie, session, { httpOnly: true, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:', path: '/', expires });
}
