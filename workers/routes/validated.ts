import { vValidator } from '@hono/valibot-validator';
import type { Context } from 'hono';
import type { GenericSchema } from 'valibot';
import type { AppEnv } from '../env';
import { fieldErrors } from '../i18n/messages';

/** A request part checked by its schema: 422 with one message per field, in the language asked for. */
export const validated = <Target extends 'json' | 'query', S extends GenericSchema>(target: Target, schema: S, error: string) =>
  vValidator(target, schema, (result, c) => {
    if (!result.success) return c.json({ error, fields: fieldErrors(result.issues, (c as unknown as Context<AppEnv>).get('lang')) }, 422);
  });
