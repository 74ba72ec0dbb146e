import { vValidator } from '@hono/valibot-validator';
import type { Context } from 'hono';
import type { GenericSchema } from 'valibot';
import type { AppEnv } from '../env';
import { fieldErrors } from '../i18n/messages';
import { isJson, notJson } from './json-body';

/**
 * A request part checked by its schema: 422 with one message per field, in the language asked for. A JSON body not
 * sent as JSON is 415, not a list of every field missing (hono reads it as empty); one that does not parse is 400.
 */
export const validated = <Target extends 'json' | 'query', S extends GenericSchema>(target: Target, schema: S, error: string) =>
  vValidator(target, schema, (result, c) => {
    if (target === 'json' && !isJson(c.req.header('content-type'))) return c.json(notJson, 415);
    if (!result.success) return c.json({ error, fields: fieldErrors(result.issues, (c as unknown as Context<AppEnv>).get('lang')) }, 422);
  });
