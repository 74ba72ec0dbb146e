import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { pickLang } from '../i18n/messages';

/** zh-CN first; `?lang=en` or an English Accept-Language switches. A form's own `lang` field wins later, in its route. */
export const detectLang = createMiddleware<AppEnv>(async (c, next) => {
  c.set('lang', pickLang(c.req.query('lang'), c.req.header('accept-language')));
  await next();
});
