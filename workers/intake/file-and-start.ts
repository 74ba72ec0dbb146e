import type { Context } from 'hono';
import { openDatabase } from '../../db/client';
import { findCaseDetail } from '../../db/queries/cases';
import type { Intake } from '../../schemas/intake';
import { policyInForce } from '../sla-policy';
import type { Channel } from '../../schemas/vocabulary';
import type { AppEnv } from '../env';
import { toCaseView, type CaseView } from '../routes/case-view';
import { HttpWorkflowGateway } from '../temporal/gateway';
import { fileCase, type FilingOutcome } from './file-case';
import { deliverOutboxRow, retryPendingOutbox, startFiledCase } from './start-workflow';

export type IntakeAnswer = Exclude<FilingOutcome, { kind: 'filed' | 'replayed' | 'merged' }> | { kind: 'filed' | 'replayed' | 'merged'; view: CaseView };

/** Files the case, then tries to start its workflow at once; if Temporal is away the outbox keeps the start. */
export async function fileAndStart(c: Context<AppEnv>, channel: Channel, intake: Intake, idempotencyKey?: string): Promise<IntakeAnswer> {
  const db = openDatabase(c.env.DB);
  const gateway = HttpWorkflowGateway.fromEnv(c.env);
  const outcome = await fileCase(db, {
    user: c.get('user'),
    channel,
    intake,
    idempotencyKey,
    policy: await policyInForce(c.env, db),
    lang: c.get('lang'),
  });
  if (outcome.kind === 'filed') {
    const started = (await startFiledCase(db, gateway, outcome, (work) => c.executionCtx.waitUntil(work))) === 'started';
    // The rows just written are the answer; reading them back would only cost another round trip.
    const view = toCaseView(outcome.detail);
    return { kind: 'filed', view: started ? { ...view, status: 'open' } : view };
  }
  if (outcome.kind === 'merged') await deliverOutboxRow(db, gateway, outcome.outboxRow);
  if (outcome.kind === 'replayed' || outcome.kind === 'merged') {
    // A replay also retries what is still pending, so repeating a request never leaves a case waiting longer.
    if (outcome.kind === 'replayed') await retryPendingOutbox(db, gateway, outcome.caseId);
    const detail = await findCaseDetail(db, outcome.caseId);
    if (!detail) throw new Error(`case ${outcome.caseId} vanished after filing`);
    return { kind: outcome.kind, view: toCaseView(detail) };
  }
  return outcome;
}
