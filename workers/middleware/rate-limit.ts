import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { sha256Hex } from '../runtime/crypto';
import { isMachinePath, pageError } from '../kit/page-errors';
import { bearerOf, sessionCookie } from './auth';

/** The window of the `CALLER_LIMIT` binding in wrangler.toml (10 or 60 s): a refused caller waits at most this long. */
export const rateLimitPeriodSeconds = 10;

/** The workflow's signed reports and the health probe are the platform's own traffic, never a caller's. */
const unlimited = (path: string) => path.startsWith('/internal/') || path === '/healthz';

/**
 * Whom a request counts against: the digest of the bearer token it presents, or of the page session; otherwise the
 * address it comes from. Never the secret itself, which would end up in the limiter's keys.
 */
export async function callerKey(c: Context<AppEnv>): Promise<string> {
  const bearer = bearerOf(c);
  if (bearer) return `token:${await sha256Hex(bearer)}`;
  // The API reads no cookie (auth.ts), so a cookie there is no caller of its own.
  const session = isMachinePath(c.req.path) ? undefined : getCookie(c, sessionCookie);
  if (session) return `session:${await sha256Hex(session)}`;
  return `ip:${c.req.header('cf-connecting-ip') ?? 'unknown'}`;
}

let warnedMissing = false;

/** Whether the caller may go on. A missing or failing limiter lets everyone through: it guards, it must not lock out. */
async function withinLimit(c: Context<AppEnv>): Promise<boolean> {
  const limiter = c.env.CALLER_LIMIT;
  if (!limiter) {
    if (!warnedMissing) console.warn('rate limit: no CALLER_LIMIT binding; callers are not limited');
    warnedMissing = true;
    return true;
  }
  try {
    return (await limiter.limit({ key: await callerKey(c) })).success;
  } catch (error) {
    console.error('rate limit: the limiter failed; the request goes through', error);
    return true;
  }
}

/** One caller's burst slows that caller alone: 429 with the time to wait, for the API and the pages alike. */
export const limitEachCaller = createMiddleware<AppEnv>(async (c, next) => {
  if (unlimited(c.req.path) || (await c.get('services').timed('limit', withinLimit(c)))) return next();
  c.header('retry-after', String(rateLimitPeriodSeconds));
  if (!isMachinePath(c.req.path)) return pageError(c, 429);
  return c.json({ error: 'rate_limited', message: `Too many requests from this caller; try again in ${rateLimitPeriodSeconds} s.` }, 429);
});
