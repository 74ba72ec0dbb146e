import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { rateLimitPeriodSeconds } from '../middleware/rate-limit';

/** The pieces every part of the API document is built from, each described by the schema its route validates with. */
export const jsonSchema = (schema: v.GenericSchema) => toJsonSchema(schema, { target: 'openapi-3.0', errorMode: 'ignore' });

/** A query's parameters, each described by the same schema the route validates it with. */
export const queryParameters = (schema: v.ObjectSchema<v.ObjectEntries, undefined>, descriptions: Record<string, string> = {}) =>
  Object.entries(schema.entries).map(([name, entry]) => ({
    name,
    in: 'query',
    required: false,
    schema: jsonSchema(entry),
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
  }));

export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' } } } } },
});
export const invalidResponse = {
  description: 'The body has mistakes: one message per field, in the language asked for (Accept-Language).',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: { type: 'string' },
          fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  },
};
export const caseResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Case' } } } });
export const page = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });

const retryAfter = { 'Retry-After': { description: 'Seconds to wait before the next request.', schema: { type: 'integer', example: rateLimitPeriodSeconds } } };
const tooManyText = `Too many requests from this caller (its token, its session, or else its address) within ${rateLimitPeriodSeconds} s; nothing was done.`;

/**
 * Every route a caller reaches may answer 429 (workers/middleware/rate-limit.ts): added to each operation here, so no
 * route can be left out. The workflow's signed reports and the health probe are not limited.
 */
export function withRateLimitAnswers(paths: Record<string, unknown>) {
  for (const [path, operations] of Object.entries(paths)) {
    if (path.startsWith('/internal/') || path === '/healthz') continue;
    for (const operation of Object.values(operations as Record<string, { responses?: Record<string, unknown> }>)) {
      operation.responses = {
        ...operation.responses,
        429: path.startsWith('/api')
          ? {
              ...errorResponse(tooManyText),
              headers: retryAfter,
              content: { 'application/json': { ...errorResponse('').content['application/json'], example: { error: 'rate_limited', message: `Too many requests from this caller; try again in ${rateLimitPeriodSeconds} s.` } } },
            }
          : { ...page(tooManyText), headers: retryAfter },
      };
    }
  }
  return paths;
}
