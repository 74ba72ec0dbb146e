import { Hono } from 'hono';
import { openDatabase } from '../../db/client';
import { findCaseDetail } from '../../db/queries/cases';
import type { AppEnv } from '../env';
import { canSee, requireUser } from '../middleware/auth';
import { toCaseView } from './case-view';

export const casesApi = new Hono<AppEnv>().use(requireUser('api')).get('/:id', async (c) => {
  const detail = await findCaseDetail(openDatabase(c.env.DB), c.req.param('id'));
  // Outside one's jurisdiction a case answers exactly as a missing one does.
  if (!detail || !canSee(c.get('user'), detail.case.jurisdictionPath)) {
    return c.json({ error: 'not_found', message: 'No such case.' }, 404);
  }
  return c.json(toCaseView(detail));
});
