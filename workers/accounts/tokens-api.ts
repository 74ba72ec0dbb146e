import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { requireUser } from '../middleware/auth';
import { revokeTokenOf, tokensOf } from '../middleware/personal-tokens';

/**
 * One's own tokens, for a program: list them, revoke one (the one in use as well). A token is made on the page
 * (/account/tokens) or by an admin, not by another token: a leaked token must not mint one that outlives it.
 */
export const tokensApi = new Hono<AppEnv>()
  .use(requireUser('api'))
  .get('/', async (c) => c.json(await tokensOf(c.get('services').db, c.get('user').id)))
  .delete('/:tokenId', async (c) => {
    const revoked = await revokeTokenOf(c.get('services').db, c.get('user').id, c.req.param('tokenId'));
    return revoked ? c.json(revoked) : c.json({ error: 'not_found', message: 'You have no such token.' }, 404);
  });
