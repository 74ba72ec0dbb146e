import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { pickLang } from '../i18n/messages';

export const langCookie = 'fq_lang';

const oneYear = 365 * 86_400;

/**
 * zh-CN first. `?lang=en` switches and, on a page, is remembered in a cookie so every later page keeps it; else the
 * cookie, else an English Accept-Language. A form's own `lang` field wins later, in its route.
 */
export const detectLang = createMiddleware<AppEnv>(async (c, next) => {
  const asked = c.req.query('lang');
  const lang = pickLang(asked ?? getCookie(c, langCookie), c.req.header('accept-language'));
  c.set('lang', lang);
  await next();
  const isPage = !c.req.path.startsWith('/api/') && !c.req.path.startsWith('/internal/');
  if (isPage && asked === lang) setCookie(c, langCookie, lang, { path: '/', sameSite: 'Lax', maxAge: oneYear });
});
