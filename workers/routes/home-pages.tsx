import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { requireUser } from '../middleware/auth';
import { AdminHome } from '../pages/admin-home';
import { DepartmentHome } from '../pages/department-home';
import { MediatorHome } from '../pages/mediator-home';
import { requirePagePermission } from './page-errors';
import { frameOf } from './page-frame';

/** The homes sign-in lands the roles on that do not file: each role's daily page (a supervisor's board is in board-pages). */
export const homePages = new Hono<AppEnv>()
  .use('/queue', requireUser('page'), requirePagePermission('stepCases'))
  .use('/tasks', requireUser('page'), requirePagePermission('stepCases'))
  .use('/admin', requireUser('page'), requirePagePermission('manageUsers'))
  .get('/queue', async (c) => c.html(<MediatorHome frame={await frameOf(c)} />))
  .get('/tasks', async (c) => c.html(<DepartmentHome frame={await frameOf(c)} />))
  .get('/admin', async (c) => c.html(<AdminHome frame={await frameOf(c)} />));
