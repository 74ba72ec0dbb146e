import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { requireUser } from '../middleware/auth';
import { AdminHome } from '../pages/admin-home';
import { SupervisorHome } from '../pages/supervisor-home';
import { requirePagePermission } from './page-errors';
import { frameOf } from './page-frame';

/** The homes sign-in lands the roles on that do not file: each role's daily page (a mediator's and a department's are case pages). */
export const homePages = new Hono<AppEnv>()
  .use('/board', requireUser('page'), requirePagePermission('supervise'))
  .use('/admin', requireUser('page'), requirePagePermission('manageUsers'))
  .get('/board', async (c) => c.html(<SupervisorHome frame={await frameOf(c)} />))
  .get('/admin', async (c) => c.html(<AdminHome frame={await frameOf(c)} />));
