import { Hono } from 'hono';
import { caseListQuerySchema } from '../../schemas/case-list';
import type { AppEnv } from '../env';
import { validated } from '../kit/validated';
import { requireUser } from '../middleware/auth';
import { ledgerFile, ledgerScope } from '../cases/case-ledger';
import { listCasesFor } from '../cases/case-list';
import { readWholeCase } from '../cases/case-view';
import { policyInForce } from '../county/sla-policy';
import { repeatsApi } from './repeats-api';
import { attachmentsApi } from './attachments-api';
import { stepsApi } from './steps-api';
import { nextPageUrl } from '../kit/paging';

export const casesApi = new Hono<AppEnv>()
  .use(requireUser('api'))
  /** The supervisor's query: work lists, filters, search, one page at a time; or the same rows as a ledger file. */
  .get(
    '/',
    validated('query', caseListQuerySchema, 'invalid_query'),
    async (c) => {
      const { db } = c.get('services');
      const user = c.get('user');
      const query = c.req.valid('query');
      const lang = c.get('lang');
      const { utcOffset } = await policyInForce(c.env, db);
      const page = await listCasesFor(db, user, query, { lang, utcOffset });
      if (page.kind === 'invalid') return c.json({ error: 'invalid_query', fields: page.errors }, 422);
      if (query.format === 'json') return c.json({ rows: page.rows, nextCursor: page.nextCursor });
      const file = await ledgerFile(query.format, page.rows, { lang, utcOffset, scope: ledgerScope(query, user) });
      if (page.nextCursor) c.header('link', `<${nextPageUrl(c.req.url, page.nextCursor)}>; rel="next"`);
      return c.body(file.body, 200, file.headers);
    },
  )
  .get('/:id', async (c) => {
    const view = await readWholeCase(c.get('services'), c.get('user'), c.req.param('id'), 'api');
    return view ? c.json(view) : c.json({ error: 'not_found', message: 'No such case.' }, 404);
  })
  .route('/', stepsApi)
  .route('/', repeatsApi)
  .route('/', attachmentsApi);
