import { Hono, type Context } from 'hono';
import { newUserSchema, userChangeSchema } from '../../schemas/users';
import { newTokenSchema } from '../../schemas/api-tokens';
import type { AppEnv } from '../env';
import { requirePermission, requireUser } from '../middleware/auth';
import { changeUser, createUser, issueSignInCode, setUserDisabled, unlockUser, usersManagedBy, type UserAnswer } from './manage-users';
import { issueTokenFor, revokeTokenOfUser, tokensOfUser } from './manage-tokens';
import { validated } from '../kit/validated';

const noSuchUser = (c: Context<AppEnv>) => c.json({ error: 'not_found', message: 'No such user within your jurisdiction.' }, 404);

function answer(c: Context<AppEnv>, answer: UserAnswer, status: 200 | 201 = 200) {
  switch (answer.kind) {
    case 'done':
      return c.json(answer.user, status);
    case 'codeIssued':
      // The code is shown this once: no cache along the way may keep it.
      c.header('cache-control', 'no-store');
      return c.json({ ...answer.user, oneTimeCode: answer.oneTimeCode }, status);
    case 'notFound':
      return noSuchUser(c);
    case 'taken':
      return c.json({ error: 'id_taken', message: 'A user with this ID exists already; choose another ID.' }, 409);
    case 'refused':
      return c.json({ error: 'refused', reason: answer.reason }, 409);
    case 'invalid':
      return c.json({ error: 'invalid_user', fields: answer.errors }, 422);
  }
}

/** An admin keeps the people of their jurisdiction: who they are, where they serve, whether and how they sign in. */
export const usersApi = new Hono<AppEnv>()
  .use(requireUser('api'), requirePermission('manageUsers'))
  .get('/', async (c) => c.json(await usersManagedBy(c.get('services').db, c.get('user'))))
  .post('/', validated('json', newUserSchema, 'invalid_user'), async (c) =>
    answer(c, await createUser(c.get('services').db, c.get('user'), c.req.valid('json'), c.get('lang')), 201),
  )
  .patch('/:id', validated('json', userChangeSchema, 'invalid_user'), async (c) =>
    answer(c, await changeUser(c.get('services').db, c.get('user'), c.req.param('id'), c.req.valid('json'), c.get('lang'))),
  )
  .post('/:id/disable', async (c) => answer(c, await setUserDisabled(c.get('services').db, c.get('user'), c.req.param('id'), true)))
  .post('/:id/enable', async (c) => answer(c, await setUserDisabled(c.get('services').db, c.get('user'), c.req.param('id'), false)))
  .get('/:id/tokens', async (c) => {
    const tokens = await tokensOfUser(c.get('services').db, c.get('user'), c.req.param('id'));
    return tokens ? c.json(tokens) : noSuchUser(c);
  })
  .post('/:id/tokens', validated('json', newTokenSchema, 'invalid_token'), async (c) => {
    const issued = await issueTokenFor(c.get('services').db, c.get('user'), c.req.param('id'), c.req.valid('json'));
    if (!issued) return noSuchUser(c);
    c.header('cache-control', 'no-store');
    return c.json({ ...issued.record, token: issued.token }, 201);
  })
  .delete('/:id/tokens/:tokenId', async (c) => {
    const revoked = await revokeTokenOfUser(c.get('services').db, c.get('user'), c.req.param('id'), c.req.param('tokenId'));
    return revoked ? c.json(revoked) : c.json({ error: 'not_found', message: 'No such token of a user within your jurisdiction.' }, 404);
  })
  .post('/:id/one-time-code', async (c) => answer(c, await issueSignInCode(c.get('services').db, c.get('user'), c.req.param('id'))))
  .post('/:id/unlock', async (c) => answer(c, await unlockUser(c.get('services').db, c.get('user'), c.req.param('id'))));
