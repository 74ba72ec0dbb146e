import { Hono } from 'hono';
import { slaPolicySchema } from '../../schemas/policy';
import type { AppEnv } from '../env';
import { validated } from '../kit/validated';
import { requirePermission, requireUser } from '../middleware/auth';
import { policyInForce } from '../county/sla-policy';
import { publishNewPolicy } from './publish-policy';

/** The SLA policy: read by anyone signed in, published by an admin as a new version that running cases re-plan to. */
export const policyApi = new Hono<AppEnv>()
  .use(requireUser('api'))
  .get('/', async (c) => c.json(await policyInForce(c.env, c.get('services').db)))
  .post(
    '/',
    requirePermission('publishPolicy'),
    validated('json', slaPolicySchema, 'invalid_policy'),
    async (c) => {
      const published = await publishNewPolicy(c.get('services'), c.env, c.get('user'), c.req.valid('json'));
      if (published.kind === 'stale') {
        return c.json({ error: 'stale_version', message: `Version ${published.inForce} or later is in force; publish a higher version.` }, 409);
      }
      return c.json({ version: published.version, casesToTell: published.casesToTell }, 201);
    },
  );
