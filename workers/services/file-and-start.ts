import { findCaseDetail } from '../../db/queries/cases';
import { toCaseView, type CaseView } from './case-view';
import type { EdgeServices } from './edge-services';
import { fileCase, type FilingOutcome, type FilingRequest } from './file-case';
import { deliverOutboxRow, retryPendingOutbox, startFiledCase } from './outbox-delivery';

/** `merged`: the intake joined an earlier case, the one `view` shows; `replayed`: the answer to a key seen before. */
export type IntakeAnswer =
  | Exclude<FilingOutcome, { kind: 'filed' | 'replayed' | 'merged' }>
  | { kind: 'filed' | 'merged'; view: CaseView; replayed: boolean };

/** Files the case, then tries to start its workflow at once; if Temporal is away the outbox keeps the start. */
export async function fileAndStart({ db, gateway, defer }: EdgeServices, request: FilingRequest): Promise<IntakeAnswer> {
  const outcome = await fileCase(db, request);
  if (outcome.kind === 'filed') {
    const started = (await startFiledCase(db, gateway, outcome, defer)) === 'started';
    // The rows just written are the answer; reading them back would only cost another round trip.
    const view = toCaseView(outcome.detail);
    return { kind: 'filed', view: started ? { ...view, status: 'open' } : view, replayed: false };
  }
  if (outcome.kind === 'merged') await deliverOutboxRow(db, gateway, outcome.outboxRow);
  if (outcome.kind === 'replayed' || outcome.kind === 'merged') {
    // A replay also retries what is still pending, so repeating a request never leaves a case waiting longer.
    if (outcome.kind === 'replayed') await retryPendingOutbox(db, gateway, outcome.caseId);
    const detail = await findCaseDetail(db, outcome.caseId);
    if (!detail) throw new Error(`case ${outcome.caseId} vanished after filing`);
    const view = toCaseView(detail);
    if (outcome.kind === 'merged') return { kind: 'merged', view, replayed: false };
    // A key is written with its case's filing time when it filed the case, with the merge's time when it joined one.
    return { kind: detail.case.filedAt === outcome.answeredAt ? 'filed' : 'merged', view, replayed: true };
  }
  return outcome;
}
