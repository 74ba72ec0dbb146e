import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { createSession, deleteSession, findUserByTokenHash } from '../../db/queries/users';
import { randomToken, sha256Hex } from '../crypto';
import type { AppEnv } from '../env';
import { t, type Lang } from '../i18n/messages';
import { sessionCookie } from '../middleware/auth';
import { Layout } from '../pages/layout';

const sessionDays = 14;

/** Only same-site paths, so the sign-in page cannot be used to bounce someone to another site. */
const safeNext = (next: unknown) => (typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/intake/grid');

function LoginPage({ lang, next, failed }: { lang: Lang; next: string; failed: boolean }) {
  return (
    <Layout lang={lang} title={t(lang, 'page.loginTitle')}>
      {failed ? (
        <p class="errors" role="alert">
          {t(lang, 'page.badToken')}
        </p>
      ) : null}
      <form method="post" action="/login">
        <input type="hidden" name="next" value={next} />
        <input type="hidden" name="lang" value={lang} />
        <label>
          <span>{t(lang, 'page.token')}</span>
          <input type="password" name="token" autocomplete="current-password" required />
        </label>
        <button type="submit">{t(lang, 'page.login')}</button>
      </form>
    </Layout>
  );
}

export const sessionPages = new Hono<AppEnv>()
  .use(csrf())
  .get('/login', (c) => c.html(<LoginPage lang={c.get('lang')} next={safeNext(c.req.query('next'))} failed={false} />))
  .post('/login', async (c) => {
    const body = await c.req.parseBody();
    const lang: Lang = body.lang === 'en' ? 'en' : 'zh-CN';
    const next = safeNext(body.next);
    const { db } = c.get('services');
    const user = typeof body.token === 'string' ? await findUserByTokenHash(db, await sha256Hex(body.token.trim())) : undefined;
    if (!user) return c.html(<LoginPage lang={lang} next={next} failed />, 401);
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
    return c.redirect(next, 303);
  })
  .post('/logout', async (c) => {
    const session = getCookie(c, sessionCookie);
    if (session) await deleteSession(c.get('services').db, await sha256Hex(session));
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.redirect('/login', 303);
  });
