import { vValidator } from '@hono/valibot-validator';
import type { Context } from 'hono';
import type { GenericSchema } from 'valibot';
import type { AppEnv } from '../env';
import { fieldErrors } from '../i18n/messages';

/** A JSON body checked by its schema: 422 with one message per field, in the language asked for. */
export const jsonBody = <S extends GenericSchema>(schema: S, error: string) =>
  vValidator('json', schema, (result, c) => {
    if (!result.success) return c.json({ error, fields: fieldErrors(result.issues, (c as unknown as Context<AppEnv>).get('lang')) }, 422);
  });
