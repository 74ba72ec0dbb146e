import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import { openDatabase } from '../../db/client';
import { findUserBySession, findUserByTokenHash } from '../../db/queries/users';
import type { Role } from '../../schemas/vocabulary';
import { sha256Hex } from '../crypto';
import type { AppEnv } from '../env';

export const sessionCookie = 'fq_session';

/** API callers present a bearer token and get 401 without one; page visitors are sent to sign in and then back. */
export const requireUser = (audience: 'api' | 'page') =>
  createMiddleware<AppEnv>(async (c, next) => {
    const db = openDatabase(c.env.DB);
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const session = getCookie(c, sessionCookie);
    const user = bearer
      ? await findUserByTokenHash(db, await sha256Hex(bearer))
      : session
        ? await findUserBySession(db, await sha256Hex(session), new Date().toISOString())
        : undefined;
    if (!user) {
      if (audience === 'page') {
        const next = new URL(c.req.url);
        return c.redirect(`/login?next=${encodeURIComponent(next.pathname + next.search)}`, 303);
      }
      c.header('www-authenticate', 'Bearer realm="fengqiao"');
      return c.json({ error: 'unauthenticated', message: 'Send a valid bearer token in the Authorization header.' }, 401);
    }
    c.set('user', user);
    await next();
  });

export const requireRole = (...allowed: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { role } = c.get('user');
    if (!allowed.includes(role)) {
      return c.json({ error: 'forbidden', message: `This needs one of the roles: ${allowed.join(', ')}.` }, 403);
    }
    await next();
  });

/** A user sees what lies inside their own jurisdiction; an admin sees everything. */
export const canSee = (user: { role: Role; jurisdictionPath: string }, path: string) =>
  user.role === 'admin' || path.startsWith(user.jurisdictionPath);
