import { Hono } from 'hono';
import { openDatabase } from '../../db/client';
import { markNotificationRead, notificationsFor } from '../../db/queries/notifications';
import { supervises, type Role } from '../../schemas/vocabulary';
import type { AppEnv } from '../env';
import { requireUser } from '../middleware/auth';

/**
 * A mediator's and a command room's inbox: warnings, breaches, escalations and acknowledgements as they happened.
 * What is addressed to a jurisdiction is the supervisors' (the station's command room, the county's); everyone
 * reads and marks what is addressed to them by name.
 */
const recipientsOf = (user: { id: string; role: Role; jurisdictionCode: string }) =>
  supervises(user.role) ? [user.id, user.jurisdictionCode] : [user.id];

export const notificationsApi = new Hono<AppEnv>()
  .use(requireUser('api'))
  .get('/', async (c) => {
    const user = c.get('user');
    const unreadOnly = c.req.query('unread') !== undefined && c.req.query('unread') !== '0';
    return c.json(await notificationsFor(openDatabase(c.env.DB), recipientsOf(user), unreadOnly));
  })
  .post('/:id/read', async (c) => {
    const user = c.get('user');
    const id = Number(c.req.param('id'));
    const marked = Number.isInteger(id) && (await markNotificationRead(openDatabase(c.env.DB), id, recipientsOf(user), new Date().toISOString()));
    return marked ? c.body(null, 204) : c.json({ error: 'not_found', message: 'No such unread notification of yours.' }, 404);
  });
