import { findCaseDetail } from '../../db/queries/cases';
import { toCaseView, type CaseView } from './case-view';
import type { EdgeServices } from './edge-services';
import { fileCase, type FilingOutcome, type FilingRequest } from './file-case';
import { deliverOutboxRow, retryPendingOutbox, startFiledCase } from './outbox-delivery';

export type IntakeAnswer = Exclude<FilingOutcome, { kind: 'filed' | 'replayed' | 'merged' }> | { kind: 'filed' | 'replayed' | 'merged'; view: CaseView };

/** Files the case, then tries to start its workflow at once; if Temporal is away the outbox keeps the start. */
export async function fileAndStart({ db, gateway, defer }: EdgeServices, request: FilingRequest): Promise<IntakeAnswer> {
  const outcome = await fileCase(db, request);
  if (outcome.kind === 'filed') {
    const started = (await startFiledCase(db, gateway, outcome, defer)) === 'started';
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
