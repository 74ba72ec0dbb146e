import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
import * as v from 'valibot';
import { caseReportSchema } from '../../schemas/case-event';
import type { AppEnv } from '../env';
import { requireInternalSignature } from '../middleware/internal-signature';
import { recordCaseReport } from '../services/record-report';

/** Where the workflow worker writes what happened; the edge stays the only writer of D1. */
export const internalRoutes = new Hono<AppEnv>().use(requireInternalSignature).post(
  '/cases/:id/events',
  vValidator('json', caseReportSchema, (result, c) => {
    if (!result.success) {
      return c.json({ error: 'invalid_event', issues: result.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`) }, 422);
    }
  }),
  async (c) => {
    const outcome = await recordCaseReport(c.get('services').db, c.req.param('id'), c.req.valid('json'));
    if (outcome === 'unknownCase') return c.json({ error: 'not_found', message: 'No such case.' }, 404);
    return c.json({ outcome });
  },
);
