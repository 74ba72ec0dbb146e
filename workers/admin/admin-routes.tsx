import { Hono } from 'hono';
import { accountStatesOf } from '../../domain/account-states';
import type { AppEnv } from '../env';
import { requireUser } from '../middleware/auth';
import { AdminHome, type PeopleCounts } from './admin-home';
import { usersManagedBy } from './manage-users';
import { userPages } from './user-routes';
import { placePages } from './place-routes';
import { policyPages } from './policy-routes';
import { calendarPages } from './calendar-routes';
import { deadLetterPages } from './dead-letter-routes';
import { auditPages } from './audit-routes';
import { signInProviderPages } from './sign-in-provider-routes';
import { agreementTemplatePages } from './agreement-template-routes';
import { requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';

/**
 * The admin's home and the pages for the people they keep. The other roles' daily pages live with their kind: a grid
 * worker's filings with the intake pages, a mediator's queue and a department's tasks with the case pages, a
 * supervisor's board with the board pages.
 */
export const homePages = new Hono<AppEnv>()
  .use('/admin', requireUser('page'), requirePagePermission('manageUsers'))
  .get('/admin', async (c) => {
    const users = await usersManagedBy(c.get('services').db, c.get('user'));
    const counts: PeopleCounts = { all: users.length, active: 0, disabled: 0, locked: 0, noPassword: 0 };
    for (const user of users) for (const state of accountStatesOf(user)) counts[state] += 1;
    return c.html(<AdminHome frame={await frameOf(c)} counts={counts} />);
  })
  .route('/', userPages)
  .route('/', policyPages)
  .route('/', calendarPages)
  .route('/', deadLetterPages)
  .route('/', placePages)
  .route('/', auditPages)
  .route('/', signInProviderPages)
  .route('/', agreementTemplatePages);
