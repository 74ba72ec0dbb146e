import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createSession, deleteSession, findUserByTokenHash } from '../../db/queries/users';
import { randomToken, sha256Hex } from '../runtime/crypto';
import type { AppEnv } from '../env';
import { pickLang, t } from '../i18n/messages';
import { requireUser, sessionCookie } from '../middleware/auth';
import { homeOf, type Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { signedIn, takeSignInTurn } from './sign-in-throttle';
import { frameOf } from '../kit/page-frame';
import { pageError } from '../kit/page-errors';

const sessionDays = 14;

/**
 * Where to go after signing in: a path of this app, read as a browser reads it against the app's own origin, so
 * `/\\host`, `/<tab>/host` and their encoded forms cannot lead to another site; a control character or a
 * backslash anywhere sends the visitor home instead.
 */
export function safeNext(next: unknown, origin: string): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return undefined;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return undefined;
  }
  return url.origin === new URL(origin).origin ? `${url.pathname}${url.search}` : undefined;
}

function LoginPage({ frame, next, failed }: { frame: Frame; next: string | undefined; failed: boolean }) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'page.loginTitle')}>
      {failed ? (
        <p class="notice important" role="alert">
          {t(lang, 'page.badToken')}
        </p>
      ) : null}
      <form method="post" action="/login">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <input type="hidden" name="lang" value={lang} />
        <div class="field">
          <label for="token">{t(lang, 'page.token')}</label>
          <input type="password" id="token" name="token" autocomplete="current-password" required />
        </div>
        <button type="submit">{t(lang, 'page.login')}</button>
      </form>
    </Layout>
  );
}

/** Signing in and out. Like every page form, these are checked for coming from this site (app.ts). */
export const sessionPages = new Hono<AppEnv>()
  .get('/login', async (c) => c.html(<LoginPage frame={await frameOf(c)} next={safeNext(c.req.query('next'), new URL(c.req.url).origin)} failed={false} />))
  .post('/login', async (c) => {
    const body = await c.req.parseBody();
    c.set('lang', pickLang(typeof body.lang === 'string' ? body.lang : undefined, c.req.header('accept-language')));
    const next = safeNext(body.next, new URL(c.req.url).origin);
    const { db } = c.get('services');
    const turn = await takeSignInTurn(db, c.req.header('cf-connecting-ip') ?? 'unknown');
    if (!turn.allowed) {
      c.header('retry-after', String(turn.retryAfterSeconds));
      return pageError(c, 429, { kind: 'signInThrottled', minutes: Math.ceil(turn.retryAfterSeconds / 60) });
    }
    const user = typeof body.token === 'string' ? await findUserByTokenHash(db, await sha256Hex(body.token.trim())) : undefined;
    if (!user) return c.html(<LoginPage frame={await frameOf(c)} next={next} failed />, 401);
    await signedIn(db, turn);
    const session = randomToken();
    const expires = new Date(Date.now() + sessionDays * 86_400_000);
    await createSession(db, await sha256Hex(session), user.id, expires.toISOString());
    setCookie(c, sessionCookie, session, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:',
      path: '/',
      expires,
    });
    // Straight to the page they were sent from; else to the home of their role, not someone else's.
    return c.redirect(next && next !== '/' ? next : homeOf(user.role), 303);
  })
  .post('/logout', async (c) => {
    const session = getCookie(c, sessionCookie);
    if (session) await deleteSession(c.get('services').db, await sha256Hex(session));
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.redirect('/login', 303);
  })
  .get('/', requireUser('page'), (c) => c.redirect(homeOf(c.get('user').role), 302));
