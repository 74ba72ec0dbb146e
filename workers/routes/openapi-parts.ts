import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';

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
