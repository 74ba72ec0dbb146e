import type { Context } from 'hono';
import { openDatabase } from '../../db/client';
import { findCaseDetail } from '../../db/queries/cases';
import type { Intake } from '../../schemas/intake';
import { parseSlaPolicy } from '../../schemas/policy';
import type { Channel } from '../../schemas/vocabulary';
import type { AppEnv } from '../env';
import { toCaseView, type CaseView } from '../routes/case-view';
import { HttpWorkflowGateway } from '../temporal/gateway';
import { fileCase, type FilingOutcome } from './file-case';
import { startFiledCase } from './start-workflow';

export type IntakeAnswer = Exclude<FilingOutcome, { kind: 'filed' | 'replayed' }> | { kind: 'filed' | 'replayed'; view: CaseView };

/** Files the case, then tries to start its workflow at once; if Temporal is away the outbox keeps the start. */
export async function fileAndStart(c: Context<AppEnv>, channel: Channel, intake: Intake, idempotencyKey?: string): Promise<IntakeAnswer> {
  const db = openDatabase(c.env.DB);
  const outcome = await fileCase(db, {
    user: c.get('user'),
    channel,
    intake,
    idempotencyKey,
    policy: parseSlaPolicy(c.env.SLA_POLICY),
    lang: c.get('lang'),
  });
  if (outcome.kind !== 'filed' && outcome.kind !== 'replayed') return outcome;
  // A replay also retries a start that is still pending, so repeating a request never leaves a case queued longer.
  await startFiledCase(db, HttpWorkflowGateway.fromEnv(c.env), outcome.caseId);
  const detail = await findCaseDetail(db, outcome.caseId);
  if (!detail) throw new Error(`case ${outcome.caseId} vanished after filing`);
  return { kind: outcome.kind, view: toCaseView(detail) };
}
