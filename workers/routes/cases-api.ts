import { vValidator } from '@hono/valibot-validator';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { listCases } from '../../db/queries/case-lists';
import { visiblePathOf } from '../../domain/jurisdiction';
import { caseStatuses, unfinishedStatuses } from '../../schemas/vocabulary';
import type { AppEnv } from '../env';
import { fieldErrors } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { readCase } from '../services/case-view';
import { repeatsApi } from './repeats-api';
import { stepsApi } from './steps-api';

export const listQuerySchema = v.object({
  overdue: v.optional(v.picklist(['0', '1'])),
  escalated: v.optional(v.picklist(['0', '1'])),
  mine: v.optional(v.picklist(['0', '1'])),
  status: v.optional(v.picklist([...caseStatuses, 'all'])),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(500))),
});

export const casesApi = new Hono<AppEnv>()
  .use(requireUser('api'))
  /** The overdue list and the work lists: what is late, escalated, or one's own, within one's jurisdiction. */
  .get(
    '/',
    vValidator('query', listQuerySchema, (result, c) => {
      if (!result.success) return c.json({ error: 'invalid_query', fields: fieldErrors(result.issues, (c as unknown as Context<AppEnv>).get('lang')) }, 422);
    }),
    async (c) => {
      const user = c.get('user');
      const query = c.req.valid('query');
      // Work lists show what still needs doing unless asked for a status, or for `all`.
      const statuses = !query.status ? unfinishedStatuses : query.status === 'all' ? caseStatuses : [query.status];
      const rows = await listCases(c.get('services').db, {
        jurisdictionPath: visiblePathOf(user),
        overdueOnly: query.overdue === '1',
        escalatedOnly: query.escalated === '1',
        assigneeId: query.mine === '1' ? user.id : undefined,
        // A department's liaison sees the cases whose joint route names their department.
        department: user.role === 'department' ? (user.department ?? undefined) : undefined,
        statuses: [...statuses],
        limit: query.limit ?? 100,
      });
      return c.json(rows);
    },
  )
  .get('/:id', async (c) => {
    const view = await readCase(c.get('services').db, c.get('user'), c.req.param('id'));
    return view ? c.json(view) : c.json({ error: 'not_found', message: 'No such case.' }, 404);
  })
  .route('/', stepsApi)
  .route('/', repeatsApi);
