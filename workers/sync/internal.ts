import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
import * as v from 'valibot';
import { batchReportSchema } from '../../schemas/batch-workflow';
import { caseReportSchema } from '../../schemas/case-event';
import type { AppEnv } from '../env';
import { requireInternalSignature } from '../middleware/internal-signature';
import { recordBatchReport } from './record-batch-report';
import { configuredPolicy } from '../county/sla-policy';
import { recordCaseReport } from './record-report';

/** Where the workflow worker writes what happened; the edge stays the only writer of D1. */
const report = <S extends v.GenericSchema>(schema: S) =>
  vValidator('json', schema, (result, c) => {
    if (!result.success) {
      return c.json({ error: 'invalid_event', issues: result.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`) }, 422);
    }
  });

export const internalRoutes = new Hono<AppEnv>()
  .use(requireInternalSignature)
  .post('/cases/:id/events', report(caseReportSchema), async (c) => {
    // An agreement the report records is numbered in the county's year, as the pages tell time.
    const { utcOffset } = configuredPolicy(c.env);
    const outcome = await recordCaseReport(c.get('services').db, c.req.param('id'), c.req.valid('json'), utcOffset);
    if (outcome === 'unknownCase') return c.json({ error: 'not_found', message: 'No such case.' }, 404);
    return c.json({ outcome });
  })
  /** A batch's workflow reports progress the same way: signed, numbered, written once. */
  .post('/batches/:id/events', report(batchReportSchema), async (c) => {
    const outcome = await recordBatchReport(c.get('services').db, c.req.param('id'), c.req.valid('json'));
    if (outcome === 'unknownBatch') return c.json({ error: 'not_found', message: 'No such batch.' }, 404);
    return c.json({ outcome });
  });
