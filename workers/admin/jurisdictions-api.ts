import { Hono, type Context } from 'hono';
import { jurisdictionMoveSchema, jurisdictionRenameSchema, newJurisdictionSchema } from '../../schemas/jurisdictions';
import type { AppEnv } from '../env';
import { requirePermission, requireUser } from '../middleware/auth';
import { jurisdictionsManagedBy, moveManagedJurisdiction, openJurisdiction, renameManagedJurisdiction, retireManagedJurisdiction, type JurisdictionAnswer } from './manage-jurisdictions';
import { t } from '../i18n/messages';
import { validated } from '../kit/validated';

function answer(c: Context<AppEnv>, answer: JurisdictionAnswer, status: 200 | 201 = 200) {
  switch (answer.kind) {
    case 'done':
      return c.json(answer.jurisdiction, status);
    case 'notFound':
      return c.json({ error: 'not_found', message: 'No such jurisdiction within yours.' }, 404);
    case 'taken':
      return c.json({ error: 'code_taken', message: 'A jurisdiction with this code exists already; choose another code.' }, 409);
    case 'invalid':
      return c.json({ error: 'invalid_jurisdiction', fields: answer.errors }, 422);
    case 'refused':
      return c.json({ error: answer.reason, message: t(c.get('lang'), `error.${answer.reason}`, { label: c.req.param('code') ?? '' }) }, 409);
  }
}

/** The tree below an admin: listed flat, a place opened one level below its parent, renamed, moved, retired. */
export const jurisdictionsApi = new Hono<AppEnv>()
  .use(requireUser('api'), requirePermission('manageUsers'))
  .get('/', async (c) => c.json(await jurisdictionsManagedBy(c.get('services').db, c.get('user'))))
  .post('/', validated('json', newJurisdictionSchema, 'invalid_jurisdiction'), async (c) => {
    const opened = await openJurisdiction(c.get('services').db, c.get('user'), c.req.valid('json'), c.get('lang'));
    if (opened.kind === 'done') c.header('location', `/api/jurisdictions/${encodeURIComponent(opened.jurisdiction.code)}`);
    return answer(c, opened, 201);
  })
  .patch('/:code', validated('json', jurisdictionRenameSchema, 'invalid_jurisdiction'), async (c) =>
    answer(c, await renameManagedJurisdiction(c.get('services').db, c.get('user'), c.req.param('code'), c.req.valid('json').name)),
  )
  .post('/:code/move', validated('json', jurisdictionMoveSchema, 'invalid_jurisdiction'), async (c) =>
    answer(c, await moveManagedJurisdiction(c.get('services').db, c.get('user'), c.req.param('code'), c.req.valid('json').parentCode, c.get('lang'))),
  )
  .post('/:code/retire', async (c) => answer(c, await retireManagedJurisdiction(c.get('services').db, c.get('user'), c.req.param('code'))));
