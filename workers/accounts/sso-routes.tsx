import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isUniqueViolation } from '../../db/errors';
import { findLinkedUser, findProvider, linkAccount, unlinkAccount } from '../../db/queries/sign-in-providers';
import type { AppEnv } from '../env';
import { requireUser } from '../middleware/auth';
import { homeOf } from '../kit/frame';
import { pageError } from '../kit/page-errors';
import { formBody } from '../kit/form-body';
import { beginSession } from './begin-session';
import { recordSignIn } from './sign-in-audit';
import { callbackPath, finishTrip, startTrip } from './oidc-trips';
import { loginPageWith, safeNext, type SsoProblem } from './session-routes';

/** The trip's state in the browser that left: an answer brought back by another browser is not taken. */
const tripCookie = 'fq_sso_trip';

async function leaveFor(c: Context<AppEnv>, trip: { location: string; state: string }) {
  setCookie(c, tripCookie, trip.state, { httpOnly: true, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:', path: callbackPath, maxAge: 600 });
  return c.redirect(trip.location, 302);
}

const refuseAtLogin = (c: Context<AppEnv>, problem: SsoProblem, status: 401 | 502 = 401) => loginPageWith(c, { kind: 'sso', problem }, status);

/**
 * Single sign-on with a county's identity provider (OpenID Connect, authorization code with PKCE): signing in with an
 * account at the provider once the person has linked it, and linking or unlinking it from their own account page.
 */
export const ssoPages = new Hono<AppEnv>()
  // The answer's path first: it would otherwise read as a provider called "callback".
  .get(callbackPath, async (c) => {
    const { db } = c.get('services');
    const browserState = getCookie(c, tripCookie);
    deleteCookie(c, tripCookie, { path: callbackPath });
    let end: Awaited<ReturnType<typeof finishTrip>>;
    try {
      end = await finishTrip(db, new URL(c.req.url), browserState, c.env.INTERNAL_SECRET);
    } catch (error) {
      // The provider could not be reached, or answered what no provider should: nobody is signed in.
      console.error(JSON.stringify({ event: 'sso_failed', message: error instanceof Error ? error.message : String(error) }));
      return refuseAtLogin(c, 'failed', 502);
    }
    if (end.kind === 'void') return refuseAtLogin(c, 'void');
    if (end.kind === 'refused') return refuseAtLogin(c, end.error === 'access_denied' ? 'denied' : 'failed');
    if (end.purpose === 'link') {
      try {
        await linkAccount(db, { providerId: end.providerId, subject: end.subject, userId: end.userId!, linkedAt: new Date().toISOString() });
      } catch (error) {
        if (!isUniqueViolation(error, 'sign_in_links')) throw error;
        return c.redirect('/account/password?sso=taken', 303);
      }
      return c.redirect('/account/password?sso=linked', 303);
    }
    const user = await findLinkedUser(db, end.providerId, end.subject);
    // The try is named by the provider and the person's identifier there (no secret; no user ID holds a colon).
    const attempt = { login: `${end.providerId}:${end.subject}`, way: 'singleSignOn' as const, address: c.req.header('cf-connecting-ip') ?? 'unknown' };
    recordSignIn(c.get('services'), { ...attempt, outcome: user ? 'signedIn' : 'unknownUser', userId: user?.id });
    if (!user) return refuseAtLogin(c, 'notLinked');
    await beginSession(c, user.id, 'work');
    return c.redirect(end.next && end.next !== '/' ? end.next : homeOf(user.role), 303);
  })
  .get('/login/sso/:providerId', async (c) => {
    const { db } = c.get('services');
    const provider = await findProvider(db, c.req.param('providerId'));
    if (!provider || provider.disabledAt) return pageError(c, 404);
    const origin = new URL(c.req.url).origin;
    return leaveFor(c, await startTrip(db, provider, origin, { kind: 'sign_in', next: safeNext(c.req.query('next'), origin) }));
  })
  .use('/account/sso/*', requireUser('page'))
  .post('/account/sso/:providerId/link', async (c) => {
    await formBody(c);
    const { db } = c.get('services');
    const provider = await findProvider(db, c.req.param('providerId'));
    // Only the person, signed in on the page, links an account of theirs: never a token.
    if (!c.get('sessionPurpose')) return pageError(c, 403, { kind: 'signedInPersonOnly' });
    if (!provider || provider.disabledAt) return pageError(c, 404);
    return leaveFor(c, await startTrip(db, provider, new URL(c.req.url).origin, { kind: 'link', userId: c.get('user').id }));
  })
  .post('/account/sso/:providerId/unlink', async (c) => {
    await formBody(c);
    if (!c.get('sessionPurpose')) return pageError(c, 403, { kind: 'signedInPersonOnly' });
    await unlinkAccount(c.get('services').db, c.req.param('providerId'), c.get('user').id);
    return c.redirect('/account/password?sso=unlinked', 303);
  });
