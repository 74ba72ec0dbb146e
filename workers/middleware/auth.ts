import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import { touchSession } from '../../db/queries/accounts';
import { findUserBySession, type SignedInUser } from '../../db/queries/users';
import { sessionLimitsOf } from './session-limits';
import { may, rolesThatMay, type Permission } from '../../domain/permissions';
import { sha256Hex } from '../runtime/crypto';
import type { AppEnv } from '../env';
import { userByBearer } from './signed-in-users';

export const sessionCookie = 'fq_session';

/** The bearer token a request carries, if any. */
export const bearerOf = (c: Context<AppEnv>) => /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];

/** A page session's user, and what the session is for; undefined once it has ended or reached an end. */
async function sessionOfRequest(c: Context<AppEnv>) {
  const session = getCookie(c, sessionCookie);
  if (!session) return undefined;
  const { db, defer } = c.get('services');
  const limits = sessionLimitsOf(c.env);
  const now = Date.now();
  const tokenHash = await sha256Hex(session);
  const found = await findUserBySession(db, tokenHash, new Date(now).toISOString(), new Date(now - limits.idleMs).toISOString());
  if (found && Date.parse(found.lastSeenAt) < now - limits.touchEveryMs) defer(touchSession(db, tokenHash, new Date(now).toISOString()));
  return found;
}

/** The user a request speaks for: a bearer token, or (pages only) the session cookie; undefined for nobody. */
export async function userOfRequest(c: Context<AppEnv>, audience: 'api' | 'page'): Promise<SignedInUser | undefined> {
  const bearer = bearerOf(c);
  if (bearer) return userByBearer(c.get('services').db, bearer, c.get('services').defer);
  // The API takes bearer tokens only: a cookie rides along on cross-site requests, a token does not.
  if (audience === 'api') return undefined;
  const found = await sessionOfRequest(c);
  return found?.purpose === 'work' ? found.user : undefined;
}

/** Where a session begun with a one-time code may go: setting the password, and out. */
const settingPassword = new Set(['/account/password', '/logout']);

/** API callers present a bearer token and get 401 without one; page visitors are sent to sign in and then back. */
export const requireUser = (audience: 'api' | 'page') =>
  createMiddleware<AppEnv>(async (c, next) => {
    const bearer = bearerOf(c);
    const { db, timed, defer } = c.get('services');
    const found = audience === 'page' && !bearer ? await timed('auth', sessionOfRequest(c)) : undefined;
    if (found?.purpose === 'set_password' && !settingPassword.has(c.req.path)) return c.redirect('/account/password', 303);
    const user = bearer ? await timed('auth', userByBearer(db, bearer, defer)) : found?.user;
    if (!user) {
      if (audience === 'page') {
        const next = new URL(c.req.url);
        return c.redirect(`/login?next=${encodeURIComponent(next.pathname + next.search)}`, 303);
      }
      c.header('www-authenticate', 'Bearer realm="fengqiao"');
      return c.json({ error: 'unauthenticated', message: 'Send a valid bearer token in the Authorization header.' }, 401);
    }
    c.set('user', user);
    if (found) c.set('sessionPurpose', found.purpose);
    await next();
  });

/**
 * The platform's operator: above every county, so no user of the tree. A signed-in user learns the door is not
 * theirs (403); anyone else that they are not signed in. The tokens are compared by their digests.
 */
export const requireOperator = createMiddleware<AppEnv>(async (c, next) => {
  const bearer = bearerOf(c);
  const operator = c.env.OPERATOR_TOKEN;
  if (bearer && operator && (await sha256Hex(bearer)) === (await sha256Hex(operator))) return next();
  if (bearer && (await userByBearer(c.get('services').db, bearer, c.get('services').defer))) {
    return c.json({ error: 'forbidden', message: 'Counties are opened by the platform’s operator; an admin keeps the places below their own.' }, 403);
  }
  c.header('www-authenticate', 'Bearer realm="fengqiao-operator"');
  return c.json({ error: 'unauthenticated', message: 'Send the operator’s bearer token in the Authorization header.' }, 401);
});

export const requirePermission = (permission: Permission) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!may(c.get('user').role, permission)) {
      return c.json({ error: 'forbidden', message: `This needs one of the roles: ${rolesThatMay(permission).join(', ')}.` }, 403);
    }
    await next();
  });
