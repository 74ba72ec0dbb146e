import { Hono } from 'hono';
import { markNotificationRead } from '../../db/queries/notifications';
import { inboxesOf } from '../../domain/notifications';
import type { AppEnv } from '../env';
import { requireUser } from '../middleware/auth';
import { readInbox } from './inbox';
import { inboxQuerySchema } from '../../schemas/inbox';
import { validated } from '../kit/validated';

/**
 * A mediator's and a command room's inbox: warnings, breaches, escalations and acknowledgements as they happened,
 * and an assignee's reminders of instructions whose feedback is due soon.
 */
export const notificationsApi = new Hono<AppEnv>()
  .use(requireUser('api'))
  .get('/', validated('query', inboxQuerySchema, 'invalid_query'), async (c) => {
    const user = c.get('user');
    return c.json(await readInbox(c.get('services').db, user, c.req.valid('query').unread === '1'));
  })
  .post('/:id/read', async (c) => {
    const user = c.get('user');
    const id = Number(c.req.param('id'));
    const marked = Number.isInteger(id) && (await markNotificationRead(c.get('services').db, id, inboxesOf(user), new Date().toISOString()));
    return marked ? c.body(null, 204) : c.json({ error: 'not_found', message: 'No such unread notification of yours.' }, 404);
  });
