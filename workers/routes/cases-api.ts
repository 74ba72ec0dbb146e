import { vValidator } from '@hono/valibot-validator';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { listCases } from '../../db/queries/case-lists';
import { caseStatuses } from '../../schemas/vocabulary';
import { fieldErrors } from '../i18n/messages';
import { openDatabase } from '../../db/client';
import { findCaseDetail } from '../../db/queries/cases';
import type { AppEnv } from '../env';
import { canSee, requireUser, visiblePathOf } from '../middleware/auth';
import { toCaseView } from './case-view';
import { stepsApi } from './steps-api';

const listQuerySchema = v.object({
  overdue: v.optional(v.picklist(['0', '1'])),
  escalated: v.optional(v.picklist(['0', '1'])),
  mine: v.optional(v.picklist(['0', '1'])),
  status: v.optional(v.picklist(['queued', 'open', 'resolved', 'closed', 'all'])),
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
      const statuses = !query.status ? (['queued', 'open', 'resolved'] as const) : query.status === 'all' ? caseStatuses : [query.status];
      const rows = await listCases(openDatabase(c.env.DB), {
        jurisdictionPath: visiblePathOf(user),
        overdueOnly: query.overdue === '1',
        escalatedOnly: query.escalated === '1',
        assigneeId: query.mine === '1' ? user.id : undefined,
        statuses: [...statuses],
        limit: query.limit ?? 100,
      });
      return c.json(rows);
    },
  )
  .get('/:id', async (c) => {
    const detail = await findCaseDetail(openDatabase(c.env.DB), c.req.param('id'));
    // Outside one's jurisdiction a case answers exactly as a missing one does.
    if (!detail || !canSee(c.get('user'), detail.case.jurisdictionPath)) {
      return c.json({ error: 'not_found', message: 'No such case.' }, 404);
    }
    return c.json(toCaseView(detail));
  })
  .route('/', stepsApi);
