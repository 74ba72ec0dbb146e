import { Hono } from 'hono';
import { caseReadFilteredQuerySchema, changeListQuerySchema, signInListQuerySchema } from '../../schemas/audit';
import type { AppEnv } from '../env';
import { requirePermission, requireUser } from '../middleware/auth';
import { validated } from '../kit/validated';
import { policyInForce } from '../county/sla-policy';
import { caseReadsSeenBy, changesSeenBy, signInsSeenBy } from './audit-lists';

/**
 * What an admin checks: who read which case of their jurisdiction, who tried to sign in and how it went, and what
 * was changed by whom. Periods are the county's local days.
 */
export const auditApi = new Hono<AppEnv>()
  .use(requireUser('api'), requirePermission('readAudit'))
  .get('/case-reads', validated('query', caseReadFilteredQuerySchema, 'invalid_query'), async (c) => {
    const { db } = c.get('services');
    const { utcOffset } = await policyInForce(c.env, db);
    return c.json(await caseReadsSeenBy(db, c.get('user'), c.req.valid('query'), utcOffset));
  })
  .get('/sign-ins', validated('query', signInListQuerySchema, 'invalid_query'), async (c) => {
    const { db } = c.get('services');
    const { utcOffset } = await policyInForce(c.env, db);
    return c.json(await signInsSeenBy(db, c.get('user'), c.req.valid('query'), utcOffset));
  })
  .get('/changes', validated('query', changeListQuerySchema, 'invalid_query'), async (c) => {
    const { db } = c.get('services');
    const { utcOffset } = await policyInForce(c.env, db);
    return c.json(await changesSeenBy(db, c.get('user'), c.req.valid('query'), utcOffset));
  });
