import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
import * as v from 'valibot';
import { openDatabase } from '../../db/client';
import { applyCaseEvent } from '../../db/queries/events';
import { caseEventSchema } from '../../schemas/case';
import type { AppEnv } from '../env';
import { requireInternalSignature } from '../middleware/internal-signature';

/** Where the workflow worker writes what happened; the edge stays the only writer of D1. */
export const internalRoutes = new Hono<AppEnv>().use(requireInternalSignature).post(
  '/cases/:id/events',
  vValidator('json', caseEventSchema, (result, c) => {
    if (!result.success) {
      return c.json({ error: 'invalid_event', issues: result.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`) }, 422);
    }
  }),
  async (c) => {
    const outcome = await applyCaseEvent(openDatabase(c.env.DB), c.req.param('id'), c.req.valid('json'));
    if (outcome === 'unknownCase') return c.json({ error: 'not_found', message: 'No such case.' }, 404);
    return c.json({ outcome });
  },
);
