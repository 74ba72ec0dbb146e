import { Hono } from 'hono';
import * as v from 'valibot';
import { openDatabase } from '../../db/client';
import { findCase, findCaseDetail } from '../../db/queries/cases';
import { findUserById } from '../../db/queries/users';
import { stepPayloadSchemas, stepNames, supervisorSteps, type StepName, type StepUpdate } from '../../schemas/steps';
import { supervises } from '../../schemas/vocabulary';
import type { AppEnv } from '../env';
import { fieldErrors } from '../i18n/messages';
import { canSee } from '../middleware/auth';
import { HttpWorkflowGateway, TemporalUnavailableError } from '../temporal/gateway';
import { retryPendingOutbox } from '../intake/start-workflow';
import { toCaseView } from './case-view';

const isStepName = (value: string): value is StepName => (stepNames as string[]).includes(value);

/**
 * A mediator or supervisor advances a case: POST /api/cases/{id}/steps/{step}. Who may is decided here from D1;
 * whether the step is allowed now is decided by the case's workflow, whose validator answers the 409.
 * Mounted inside the cases API, which has already signed the caller in.
 */
export const stepsApi = new Hono<AppEnv>().post('/:id/steps/:step', async (c) => {
  const user = c.get('user');
  const step = c.req.param('step');
  if (!isStepName(step)) return c.json({ error: 'unknown_step', message: `Step must be one of: ${stepNames.join(', ')}.` }, 404);
  if (user.role === 'grid_worker') return c.json({ error: 'forbidden', message: 'Grid workers file cases; mediators and supervisors step them.' }, 403);

  const db = openDatabase(c.env.DB);
  // The case row alone answers who may step it; the whole case is read once, for the answer.
  const found = await findCase(db, c.req.param('id'));
  if (!found || !canSee(user, found.jurisdictionPath)) return c.json({ error: 'not_found', message: 'No such case.' }, 404);

  const body = await c.req.json().catch(() => undefined);
  const parsed = v.safeParse(stepPayloadSchemas[step], body ?? {});
  if (!parsed.success) return c.json({ error: 'invalid_step', fields: fieldErrors(parsed.issues, c.get('lang')) }, 422);

  const supervising = supervises(user.role);
  if (supervisorSteps.includes(step) && !supervising) return c.json({ error: 'forbidden', message: `Only a supervisor may ${step.replaceAll('-', ' ')}.` }, 403);
  if (!supervising && found.assigneeId && found.assigneeId !== user.id) {
    return c.json({ error: 'forbidden', message: 'Only the assigned mediator or a supervisor above them may step this case.' }, 403);
  }
  const payload = parsed.output as Record<string, unknown>;
  if (step === 'assign') {
    const mediator = await findUserById(db, payload.mediatorId as string);
    if (!mediator || mediator.role !== 'mediator' || !found.jurisdictionPath.startsWith(mediator.jurisdictionPath)) {
      return c.json({ error: 'invalid_step', fields: [{ field: 'mediatorId', message: 'No mediator with this ID serves this case’s jurisdiction.' }] }, 422);
    }
    payload.mediatorName = mediator.name;
  }
  const gateway = HttpWorkflowGateway.fromEnv(c.env);
  if (found.status === 'queued') {
    // Its start may still be on its way (or waiting for Temporal): deliver it now rather than refuse the step.
    await retryPendingOutbox(db, gateway, found.id);
    if ((await findCase(db, found.id))?.status === 'queued') {
      c.header('retry-after', '30');
      return c.json({ error: 'temporal_unavailable', message: 'The case’s workflow has not started yet; nothing was changed. Try again shortly.' }, 503);
    }
  }

  const update = { step, actor: { id: user.id, role: user.role, name: user.name }, payload } as StepUpdate;
  // The step's ID is the update's: sent again with the same Idempotency-Key, it attaches to the first try.
  const stepId = c.req.header('idempotency-key') ?? crypto.randomUUID();
  c.header('idempotency-key', stepId);
  try {
    const outcome = await gateway.executeStep(found.id, update, stepId);
    if (!outcome.ok) return c.json({ error: 'step_refused', reason: outcome.reason }, 409);
  } catch (error) {
    if (error instanceof TemporalUnavailableError) {
      c.header('retry-after', '30');
      return c.json(
        {
          error: 'temporal_unavailable',
          message: `The step may or may not have been taken. Send it again with the header Idempotency-Key: ${stepId}; it will be taken once.`,
        },
        503,
      );
    }
    throw error;
  }
  // The workflow projected the step before it answered, so D1 already shows it.
  const after = await findCaseDetail(db, found.id);
  return c.json(toCaseView(after!));
});
