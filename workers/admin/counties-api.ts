import { Hono } from 'hono';
import { newCountySchema } from '../../schemas/jurisdictions';
import type { AppEnv } from '../env';
import { requireOperator } from '../middleware/auth';
import { countiesOnRecord, openCounty } from './open-county';
import { validated } from '../kit/validated';

/** The platform operator's door: the counties on the deployment, and a new one with its first admin. */
export const countiesApi = new Hono<AppEnv>()
  .use(requireOperator)
  .get('/', async (c) => c.json(await countiesOnRecord(c.get('services').db)))
  .post('/', validated('json', newCountySchema, 'invalid_county'), async (c) => {
    const answer = await openCounty(c.get('services').db, c.req.valid('json'));
    switch (answer.kind) {
      case 'codeTaken':
        return c.json({ error: 'code_taken', message: 'A jurisdiction with this code exists already; choose another code.' }, 409);
      case 'adminTaken':
        return c.json({ error: 'id_taken', message: 'A user with the admin’s ID exists already; choose another ID.' }, 409);
      case 'opened':
        // The admin's token is shown this once: no cache along the way may keep it.
        c.header('cache-control', 'no-store');
        c.header('location', `/api/jurisdictions/${encodeURIComponent(answer.county.code)}`);
        return c.json({ county: answer.county, admin: answer.admin }, 201);
    }
  });
