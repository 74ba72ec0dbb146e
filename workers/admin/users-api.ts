import { Hono, type Context } from 'hono';
import { newUserSchema, userChangeSchema } from '../../schemas/users';
import type { AppEnv } from '../env';
import { requirePermission, requireUser } from '../middleware/auth';
import { changeUser, createUser, issueSignInCode, rotateToken, setUserDisabled, unlockUser, usersManagedBy, type UserAnswer } from './manage-users';
import { validated } from '../kit/validated';

function answer(c: Context<AppEnv>, answer: UserAnswer, status: 200 | 201 = 200) {
  switch (answer.kind) {
    case 'done':
      return c.json(answer.user, status);
    case 'tokenIssued':
      // The token is shown this once: no cache along the way may keep it.
      c.header('cache-control', 'no-store');
      return c.json({ ...answer.user, token: answer.token }, status);
    case 'codeIssued':
      c.header('cache-control', 'no-store');
      return c.json({ ...answer.user, oneTimeCode: answer.oneTimeCode }, status);
    case 'notFound':
      return c.json({ error: 'not_found', message: 'No such user within your jurisdiction.' }, 404);
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
  .post('/:id/token', async (c) => answer(c, await rotateToken(c.get('services').db, c.get('user'), c.req.param('id'))))
  .post('/:id/one-time-code', async (c) => answer(c, await issueSignInCode(c.get('services').db, c.get('user'), c.req.param('id'))))
  .post('/:id/unlock', async (c) => answer(c, await unlockUser(c.get('services').db, c.get('user'), c.req.param('id'))));
