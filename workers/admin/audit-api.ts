import { Hono } from 'hono';
import { caseReadListQuerySchema } from '../../schemas/audit';
import type { AppEnv } from '../env';
import { requirePermission, requireUser } from '../middleware/auth';
import { listCaseReadsFor } from '../cases/case-reads';
import { validated } from '../kit/validated';

/** What an admin checks: who read which case of their jurisdiction, when, and through what. */
export const auditApi = new Hono<AppEnv>()
  .use(requireUser('api'), requirePermission('readAudit'))
  .get('/case-reads', validated('query', caseReadListQuerySchema, 'invalid_query'), async (c) =>
    c.json(await listCaseReadsFor(c.get('services').db, c.get('user'), c.req.valid('query'))),
  );
