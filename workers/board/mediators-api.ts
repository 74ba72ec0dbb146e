import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { requirePermission, requireUser } from '../middleware/auth';
import { mediatorsWithLoad } from '../cases/mediator-load';

/** GET /api/mediators[?for=<caseId>]: whom a supervisor may dispatch to, with each one's load. */
export const mediatorsApi = new Hono<AppEnv>()
  .use(requireUser('api'), requirePermission('supervise'))
  .get('/', async (c) => {
    const answer = await mediatorsWithLoad(c.get('services').db, c.get('user'), c.req.query('for'));
    return answer.kind === 'listed' ? c.json(answer.mediators) : c.json({ error: 'not_found', message: 'No such case.' }, 404);
  });
