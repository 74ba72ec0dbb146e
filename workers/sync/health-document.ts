import { healthSchema } from '../../schemas/health';
import { jsonSchema } from '../document/openapi-parts';

const example = { ok: true, database: 'up', temporal: 'up', workers: 2, outbox: { pending: 0, dead: 0 } };

/** The health probe: no sign-in, and no rate limit (see withRateLimitAnswers). */
export function healthPaths(): Record<string, unknown> {
  const answer = { 'application/json': { schema: jsonSchema(healthSchema), example } };
  return {
    '/healthz': {
      get: {
        tags: ['operations'],
        summary: 'Each part as this edge sees it: the database, Temporal, the workers polling, the outbox',
        responses: {
          200: { description: 'The database and Temporal answer.', content: answer },
          503: { description: 'The database or Temporal is down; the body says which.', content: answer },
        },
      },
    },
  };
}
