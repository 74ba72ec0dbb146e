import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env';
import { t } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { Layout } from '../kit/layout';
import { frameOf } from '../kit/page-frame';
import { pageError } from '../kit/page-errors';
import { issueToken, revokeTokenOf, tokensOf, type ListedToken } from '../middleware/personal-tokens';
import { IssuedToken, NewTokenForm, readTokenForm, TokenList, type TokenFormValues } from '../kit/token-list';

type Shown = { issued?: { token: string; name: string }; problem?: string; values?: TokenFormValues };

async function tokensPage(c: Context<AppEnv>, tokens: readonly ListedToken[], shown: Shown = {}) {
  const frame = await frameOf(c);
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'page.tokensTitle')}>
      <p class="lead">{t(lang, 'page.tokensLead')}</p>
      {shown.issued ? <IssuedToken frame={frame} {...shown.issued} /> : null}
      <h2>{t(lang, 'page.newToken')}</h2>
      <NewTokenForm frame={frame} action="/account/tokens" values={shown.values} problem={shown.problem} />
      <h2>{t(lang, 'page.yourTokens')}</h2>
      <TokenList frame={frame} tokens={tokens} revokeAction={(id) => `/account/tokens/${encodeURIComponent(id)}/revoke`} />
    </Layout>
  );
}

/**
 * One's own tokens for programs: made here, with a page session (never by another token), shown once, revoked here
 * or through the API.
 */
export const tokenPages = new Hono<AppEnv>()
  .use('/account/tokens', requireUser('page'))
  .use('/account/tokens/*', requireUser('page'))
  .get('/account/tokens', async (c) => c.html(await tokensPage(c, await tokensOf(c.get('services').db, c.get('user').id))))
  .post('/account/tokens', async (c) => {
    // Only a person signed in on the page makes a token: a leaked token must not mint one that outlives it.
    if (!c.get('sessionPurpose')) return pageError(c, 403, { kind: 'signedInPersonOnly' });
    const { db } = c.get('services');
    const user = c.get('user');
    const read = readTokenForm(await c.req.parseBody(), c.get('lang'));
    if ('problem' in read) return c.html(await tokensPage(c, await tokensOf(db, user.id), read), 422);
    const issued = await issueToken(db, user.id, user.id, read.request);
    // The token is on this page and nowhere else: no cache may keep it, and going back must not show it again.
    c.header('cache-control', 'no-store');
    return c.html(await tokensPage(c, await tokensOf(db, user.id), { issued: { token: issued.token, name: issued.record.name } }), 201);
  })
  .post('/account/tokens/:tokenId/revoke', async (c) => {
    await revokeTokenOf(c.get('services').db, c.get('user').id, c.req.param('tokenId'));
    return c.redirect('/account/tokens', 303);
  });
