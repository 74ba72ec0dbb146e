import { Hono } from 'hono';
import { statsQuerySchema } from '../../schemas/stats';
import type { AppEnv } from '../env';
import { validated } from '../kit/validated';
import { figuresCsvFile } from './figures-csv';
import { requirePermission, requireUser } from '../middleware/auth';
import { readFigures } from './figures';
import { policyInForce } from '../county/sla-policy';

/** The station's and the county's figures over a period (supervisors and admins). */
export const statsApi = new Hono<AppEnv>().use(requireUser('api')).get(
  '/',
  requirePermission('supervise'),
  validated('query', statsQuerySchema, 'invalid_query'),
  async (c) => {
    const { db } = c.get('services');
    const query = c.req.valid('query');
    const answer = await readFigures(db, c.get('user'), query, await policyInForce(c.env, db));
    if (!answer) return c.json({ error: 'not_found', message: 'No such jurisdiction within yours.' }, 404);
    if (query.format === 'csv') {
      const file = await figuresCsvFile(db, answer, c.get('lang'));
      return c.body(file.body, 200, file.headers);
    }
    return c.json(answer);
  },
);
