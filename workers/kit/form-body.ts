import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { pickLang } from '../i18n/messages';

/** A page form's body; its own `lang` field says the language the answer speaks. */
export async function formBody(c: Context<AppEnv>) {
  const body = await c.req.parseBody();
  c.set('lang', pickLang(typeof body.lang === 'string' ? body.lang : c.get('lang'), c.req.header('accept-language')));
  return body;
}
