import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { requirePermission, requireUser } from '../middleware/auth';
import { deadLettersKeptBy, sendDeadLetterAgain } from './dead-letters';

const notFound = { error: 'not_found', message: 'No such dead letter within your jurisdiction.' } as const;

/** What Temporal refused for good, for an admin to read and send again once the cause is mended. */
export const deadLettersApi = new Hono<AppEnv>()
  .use(requireUser('api'), requirePermission('retryDeliveries'))
  .get('/', async (c) => c.json(await deadLettersKeptBy(c.get('services').db, c.get('user'))))
  .post('/:outboxId{[1-9][0-9]{0,14}}/retry', async (c) => {
    const answer = await sendDeadLetterAgain(c.get('services'), c.get('user'), Number(c.req.param('outboxId')));
    if (answer.kind === 'notFound') return c.json(notFound, 404);
    return c.json({ outcome: answer.outcome });
  });
