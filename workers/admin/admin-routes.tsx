import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { requireUser } from '../middleware/auth';
import { AdminHome } from './admin-home';
import { requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';

/**
 * The admin's home. The other roles' daily pages live with their kind: a grid worker's filings with the intake pages,
 * a mediator's queue and a department's tasks with the case pages, a supervisor's board with the board pages.
 */
export const homePages = new Hono<AppEnv>()
  .use('/admin', requireUser('page'), requirePagePermission('manageUsers'))
  .get('/admin', async (c) => c.html(<AdminHome frame={await frameOf(c)} />));
