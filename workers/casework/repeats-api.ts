import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { policyInForce } from '../county/sla-policy';
import { splitRepeat } from './split-repeat';

/**
 * POST /api/cases/{id}/repeats/{eventId}/split: a supervisor files a wrongly merged report as its own case.
 * Mounted inside the cases API, which has already signed the caller in.
 */
export const repeatsApi = new Hono<AppEnv>().post('/:id/repeats/:eventId{[0-9]{1,15}}/split', async (c) => {
  const services = c.get('services');
  const answer = await splitRepeat(services, {
    user: c.get('user'),
    caseId: c.req.param('id'),
    reportEventId: Number(c.req.param('eventId')),
    policy: await policyInForce(c.env, services.db),
    lang: c.get('lang'),
  });
  switch (answer.kind) {
    case 'split':
      c.header('location', `/api/cases/${answer.view.id}`);
      return c.json(answer.view, 201);
    case 'notFound':
      return c.json({ error: 'not_found', message: 'No such case, or no such merged report on it.' }, 404);
    case 'forbidden':
      return c.json({ error: 'forbidden', message: 'Only a supervisor may split a merged report out of a case.' }, 403);
    case 'alreadySplit':
      return c.json(
        { error: 'already_split', message: `This report was already split out into case ${answer.caseNumber}.`, case: { id: answer.caseId, caseNumber: answer.caseNumber } },
        409,
      );
    case 'notSplittable':
      return c.json({ error: 'not_splittable', message: 'This report was merged before whole intakes were kept; file it anew instead.' }, 409);
    case 'invalid':
      return c.json({ error: 'invalid_intake', fields: answer.errors }, 422);
  }
});
