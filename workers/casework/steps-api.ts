import { Hono } from 'hono';
import * as v from 'valibot';
import { onBehalfQuerySchema, stepNames, stepPayloadSchemas, type StepName } from '../../schemas/steps';
import { isMediatorStep } from '../../domain/permissions';
import type { AppEnv } from '../env';
import { fieldErrors } from '../i18n/messages';
import { takeStep } from './take-step';
import { configuredPolicy } from '../county/sla-policy';
import { caseViewAsSeenBy } from '../cases/case-view';
import { idempotencyKeyPattern, invalidKey } from '../../schemas/idempotency-key';
import { refusalReason, refusalSentence } from '../i18n/refusals';
import { jsonBody } from '../kit/json-body';

const isStepName = (value: string): value is StepName => (stepNames as string[]).includes(value);

/**
 * POST /api/cases/{id}/steps/{step}: 403 for who may not, 422 for a malformed payload, 409 with the workflow's
 * reason for a step not allowed now. Mounted inside the cases API, which has already signed the caller in.
 */
export const stepsApi = new Hono<AppEnv>().post('/:id/steps/:step', async (c) => {
  const step = c.req.param('step');
  if (!isStepName(step)) return c.json({ error: 'unknown_step', message: `Step must be one of: ${stepNames.join(', ')}.` }, 404);
  const given = await jsonBody(c);
  if (!given.ok) return given.refusal;
  // valibot's object takes an array for an object with no required fields; a step's body is an object or nothing.
  const parsed = v.safeParse(stepPayloadSchemas[step], Array.isArray(given.body) ? null : given.body);
  const key = c.req.header('idempotency-key');
  const keyError = key !== undefined && !idempotencyKeyPattern.test(key) ? [invalidKey] : [];
  const onBehalf = isMediatorStep(step) ? v.safeParse(onBehalfQuerySchema, c.req.query()) : undefined;
  const onBehalfError = onBehalf && !onBehalf.success ? fieldErrors(onBehalf.issues, c.get('lang')) : [];
  if (!parsed.success || keyError.length || onBehalfError.length) {
    return c.json({ error: 'invalid_step', fields: [...(parsed.success ? [] : fieldErrors(parsed.issues, c.get('lang'))), ...keyError, ...onBehalfError] }, 422);
  }

  // The step's ID is the update's: sent again with the same Idempotency-Key, it attaches to the first try.
  const stepId = key ?? crypto.randomUUID();
  c.header('idempotency-key', stepId);
  const onBehalfOfAssignee = onBehalf?.success === true && onBehalf.output.onBehalfOfAssignee === '1';
  const answer = await takeStep(c.get('services'), { user: c.get('user'), caseId: c.req.param('id'), step, payload: parsed.output, stepId, onBehalfOfAssignee, utcOffset: configuredPolicy(c.env).utcOffset });
  switch (answer.kind) {
    case 'taken':
      return c.json(caseViewAsSeenBy(c.get('user'), answer.view));
    case 'notFound':
      return c.json({ error: 'not_found', message: 'No such case.' }, 404);
    case 'forbidden':
      return c.json({ error: 'forbidden', message: refusalSentence(answer.refusal), ...answer.refusal }, 403);
    case 'invalid':
      return c.json({ error: 'invalid_step', fields: [{ field: answer.field, code: answer.code, message: answer.message }] }, 422);
    case 'refused':
      return c.json({ error: 'step_refused', reason: refusalReason(answer.refusal), ...answer.refusal }, 409);
    case 'unavailable':
      c.header('retry-after', '30');
      return c.json(
        {
          error: 'temporal_unavailable',
          message: answer.maybeTaken
            ? `The step may or may not have been taken. Send it again with the header Idempotency-Key: ${stepId}; it will be taken once.`
            : 'The case’s workflow has not started yet; nothing was changed. Try again shortly.',
        },
        503,
      );
  }
});
