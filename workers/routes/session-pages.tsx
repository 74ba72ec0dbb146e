import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createSession, deleteSession, findUserByTokenHash } from '../../db/queries/users';
import { randomToken, sha256Hex } from '../crypto';
import type { AppEnv } from '../env';
import { pickLang, t } from '../i18n/messages';
import { requireUser, sessionCookie } from '../middleware/auth';
import { homeOf, type Frame } from '../pages/frame';
import { Layout } from '../pages/layout';
import { frameOf } from './page-frame';

const sessionDays = 14;

/** Only same-site paths, so the sign-in page cannot be used to bounce someone to another site. */
const safeNext = (next: unknown) => (typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : undefined);

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
  .get('/login', async (c) => c.html(<LoginPage frame={await frameOf(c)} next={safeNext(c.req.query('next'))} failed={false} />))
  .post('/login', async (c) => {
    const body = await c.req.parseBody();
    c.set('lang', pickLang(typeof body.lang === 'string' ? body.lang : undefined, c.req.header('accept-language')));
    const next = safeNext(body.next);
    const { db } = c.get('services');
    const user = typeof body.token === 'string' ? await findUserByTokenHash(db, await sha256Hex(body.token.trim())) : undefined;
    if (!user) return c.html(<LoginPage frame={await frameOf(c)} next={next} failed />, 401);
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
