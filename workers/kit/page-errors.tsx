import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { SignedInUser } from '../../db/queries/users';
import { may, rolesThatMay, type Permission } from '../../domain/permissions';
import type { AppEnv } from '../env';
import { userOfRequest } from '../middleware/auth';
import { ErrorPage, type PageErrorReason, type PageErrorStatus } from './error-page';
import { frameOf } from './page-frame';

/** Paths that answer machines: they keep their JSON errors. */
export const isMachinePath = (path: string) => path === '/api' || path.startsWith('/api/') || path.startsWith('/internal/') || path === '/healthz';

/**
 * An error page in the page's language, with the header when the visitor is signed in. A page that failed before
 * its user was known still looks the session up, so the way back home is theirs.
 */
export async function pageError(c: Context<AppEnv>, status: PageErrorStatus, why?: PageErrorReason): Promise<Response> {
  let user: SignedInUser | undefined = c.var.user;
  if (!user) user = await userOfRequest(c, 'page').catch(() => undefined);
  const frame = await frameOf(c, user).catch(() => ({ lang: c.get('lang') ?? 'zh-CN', url: '/', utcOffset: '+08:00' }) as const);
  return c.html(<ErrorPage frame={frame} status={status} why={why} />, status);
}

/** A page only some roles use answers the others with a friendly 403, not with the API's JSON. */
export const requirePagePermission = (permission: Permission) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!may(c.get('user').role, permission)) return pageError(c, 403, { kind: 'notYourPage', roles: rolesThatMay(permission) });
    await next();
  });
