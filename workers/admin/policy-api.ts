import { Hono } from 'hono';
import { isUniqueViolation } from '../../db/errors';
import { publishPolicy } from '../../db/queries/policies';
import { slaPolicySchema } from '../../schemas/policy';
import type { AppEnv } from '../env';
import { validated } from '../kit/validated';
import { requirePermission, requireUser } from '../middleware/auth';
import { drainOutbox } from '../sync/outbox-delivery';
import { forgetPublishedPolicy, policyInForce } from '../county/sla-policy';

/** The SLA policy: read by anyone signed in, published by an admin as a new version that running cases re-plan to. */
export const policyApi = new Hono<AppEnv>()
  .use(requireUser('api'))
  .get('/', async (c) => c.json(await policyInForce(c.env, c.get('services').db)))
  .post(
    '/',
    requirePermission('publishPolicy'),
    validated('json', slaPolicySchema, 'invalid_policy'),
    async (c) => {
      const { db, gateway, defer } = c.get('services');
      const policy = c.req.valid('json');
      forgetPublishedPolicy();
      const current = await policyInForce(c.env, db);
      const stale = () => c.json({ error: 'stale_version', message: `Version ${current.version} or later is in force; publish a higher version.` }, 409);
      if (policy.version <= current.version) return stale();
      const user = c.get('user');
      let casesToTell: number;
      try {
        casesToTell = await publishPolicy(db, { version: policy.version, policy, by: user.id, at: new Date().toISOString(), jurisdictionPath: user.jurisdictionPath });
      } catch (error) {
        // Another admin published this version a moment ago.
        if (isUniqueViolation(error, 'sla_policies')) return stale();
        throw error;
      }
      forgetPublishedPolicy();
      // The outbox holds one row per running case; deliver them now, and the cron takes whatever Temporal refuses.
      defer(drainOutbox(db, gateway, { limit: casesToTell + 10 }));
      return c.json({ version: policy.version, casesToTell }, 201);
    },
  );
