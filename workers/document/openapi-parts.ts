import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { rateLimitPeriodSeconds } from '../middleware/rate-limit';
import { hasMessage } from '../i18n/messages';
import { forbiddenInText, freeTextMark, invisibleInText, trimmedByJavaScript } from '../../schemas/text';

const space = `[${trimmedByJavaScript}]*`;
const solid = `[^${trimmedByJavaScript}]`;

/** A text whose trimmed length is `min` to `max`: what `trim, minLength, maxLength` enforce, as one pattern. */
export function trimmedLengthPattern(min: number, max: number): string {
  return lengthPattern(space, solid, '[\\s\\S]', min, max);
}

/**
 * A free text (schemas/text.ts) as one pattern: blank or invisible characters at either end, which the code clears,
 * then `min` to `max` characters that begin and end with something visible, and none of the forbidden ones anywhere.
 */
export function freeTextPattern(min: number, max: number): string {
  const blank = `[${trimmedByJavaScript}${invisibleInText}]*`;
  const visible = `[^${trimmedByJavaScript}${invisibleInText}${forbiddenInText}]`;
  return lengthPattern(blank, visible, `[^${forbiddenInText}]`, min, max);
}

function lengthPattern(ends: string, first: string, inside: string, min: number, max: number): string {
  const shapes = [];
  if (min <= 0) shapes.push('');
  if (min <= 1 && max >= 1) shapes.push(first);
  if (max >= 2) shapes.push(`${first}${inside}{${Math.max(0, min - 2)},${max - 2}}${first}`);
  return `^${ends}(?:${shapes.join('|')})${ends}$`;
}

const trimmedMark = 'x-trimmed';
/**
 * A rule across fields or items (an order of two dates, one of two fields, a field needed by another's value) has no
 * JSON Schema of OpenAPI 3.0 to say it: the schema that holds it names it, by the `code` its 422 gives.
 */
export const crossFieldRules = 'x-cross-field-rules';

type Action = { type: string; message?: unknown };
const isCrossField = (action: Action, schema: Record<string, unknown>) =>
  (action.type === 'check' || action.type === 'partial_check') && (schema.type === 'object' || schema.type === 'array');
const ruleCode = (action: Action) => (typeof action.message === 'string' && hasMessage(`error.${action.message}`) ? action.message : action.type);

function markAction({ valibotAction, jsonSchema }: { valibotAction: Action; jsonSchema: Record<string, unknown> }) {
  if (valibotAction.type === 'trim') return { ...jsonSchema, [trimmedMark]: true };
  if (isCrossField(valibotAction, jsonSchema)) {
    return { ...jsonSchema, [crossFieldRules]: [...((jsonSchema[crossFieldRules] as string[] | undefined) ?? []), ruleCode(valibotAction)] };
  }
  return undefined;
}

/**
 * Where the conversion cannot read a schema's rule, the document says it as the route enforces it: a pipe's
 * `v.metadata({ openapi })` stands for the whole (a number read from a query string, a time checked by code), and a
 * trimmed text is described by what is left after trimming.
 */
function documentedAs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(documentedAs);
  if (typeof node !== 'object' || node === null) return node;
  const { openapi, [trimmedMark]: trimmedText, [freeTextMark]: freeText, ...schema } = node as Record<string, unknown>;
  if (openapi) return { ...(openapi as object), ...(schema.description ? { description: schema.description } : {}) };
  const walked = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, documentedAs(value)]));
  if (freeText) {
    const { pattern: _, minLength, maxLength, ...rest } = walked;
    return { ...rest, pattern: freeTextPattern(Number(minLength ?? 0), Number(maxLength ?? 100_000)) };
  }
  if (!trimmedText || walked.format) return walked;
  const { pattern, minLength, maxLength, ...rest } = walked;
  // A pattern of the code's own, with room for what trim() takes off; none of them starts or ends with a space.
  if (typeof pattern === 'string') return { ...rest, pattern: `^${space}(?:${pattern.replace(/^\^/, '').replace(/\$$/, '')})${space}$` };
  return { ...rest, pattern: trimmedLengthPattern(Number(minLength ?? 0), Number(maxLength ?? 100_000)) };
}

/** The pieces every part of the API document is built from, each described by the schema its route validates with. */
export const jsonSchema = (schema: v.GenericSchema) =>
  documentedAs(
    toJsonSchema(schema, {
      target: 'openapi-3.0',
      errorMode: 'ignore',
      overrideAction: markAction as never,
    }),
  ) as Record<string, unknown>;

type QuerySchema = v.ObjectSchema<v.ObjectEntries, undefined>;

/**
 * A query's parameters, each described by the same schema the route validates it with. A rule across the query's
 * fields (a period's end after its start, a cursor of this list) is named on each parameter it may refuse.
 */
export function queryParameters(schema: QuerySchema | v.SchemaWithPipe<readonly [QuerySchema, ...v.GenericPipeItem[]]>, descriptions: Record<string, string> = {}) {
  const fields = 'pipe' in schema ? schema.pipe[0] : schema;
  const rules = 'pipe' in schema ? jsonSchema(schema)[crossFieldRules] : undefined;
  return Object.entries(fields.entries).map(([name, entry]) => ({
    name,
    in: 'query',
    required: false,
    schema: jsonSchema(entry),
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
    ...(rules ? { [crossFieldRules]: rules } : {}),
  }));
}

export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' } } } } },
});
/** A refusal as a code with its values (schemas/refusal.ts): `message` for a person, `code` and `params` for a program. */
export const codedRefusal = (error: string, codes: readonly string[], params: object) => ({
  type: 'object',
  required: ['error', 'message', 'code', 'params'],
  properties: { error: { type: 'string', enum: [error] }, message: { type: 'string' }, code: { type: 'string', enum: codes }, params: { type: 'object', ...params } },
});

/** A plain `{ error, message }` answer whose `error` is the one given. */
export const namedError = (error: string) => ({
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string', enum: [error] }, message: { type: 'string' } },
});

export const invalidResponse: { description: string; content: object } = {
  description: 'The body has mistakes: one message per field, in the language asked for (Accept-Language).',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: { type: 'string' },
          fields: {
            type: 'array',
            items: {
              type: 'object',
              required: ['field', 'code', 'message'],
              properties: {
                field: { type: 'string', description: 'The field’s path in the body or query (`parties.0.phone`), or the header’s name.' },
                code: { type: 'string', description: 'The rule broken, for a program to act on.' },
                message: { type: 'string', description: 'The rule broken, for a person.' },
              },
            },
          },
        },
      },
    },
  },
};
/**
 * A 422 that may also name rules no schema can state, because they depend on what is stored or on the clock: each
 * by the `code` of its field error, listed under `x-refusals-of-state`.
 */
export const refusedBeyondSchema = (codes: string[], description: string) => ({
  ...invalidResponse,
  'x-refusals-of-state': codes,
  description: `${invalidResponse.description} ${description}`,
});
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

type Operation = { security?: unknown[]; requestBody?: { content?: Record<string, unknown> }; responses?: Record<string, unknown> };
const isPagePath = (path: string) => !path.startsWith('/api/') && !path.startsWith('/internal/') && path !== '/healthz';

/**
 * What the guards in front of every route answer, added here so no operation can leave them out: 401 to an API
 * call without a valid token, and 403 to a page form posted from another site (hono's csrf).
 */
export function withGuardAnswers(paths: Record<string, unknown>) {
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations as Record<string, Operation>)) {
      const responses = (operation.responses ??= {});
      if (operation.security?.length && !responses[401]) responses[401] = errorResponse('No valid bearer token.');
      if (operation.requestBody?.content?.['application/json'] && !path.startsWith('/internal/')) {
        responses[400] ??= errorResponse('The body is not valid JSON.');
        responses[415] ??= errorResponse('The body is not sent as application/json.');
      }
      if (isPagePath(path) && method === 'post' && !responses[403]) responses[403] = page('Posted from another site: the form was not sent from this one.');
    }
  }
  return paths;
}
