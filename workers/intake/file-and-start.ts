import { findCaseDetail } from '../../db/queries/cases';
import { toCaseView, type CaseView } from '../cases/case-view';
import type { EdgeServices } from '../runtime/edge-services';
import { fileCase, type FilingOutcome, type FilingRequest } from './file-case';
import { deliverOutboxRow, retryPendingOutbox, startFiledCase } from '../sync/outbox-delivery';

/** `merged`: the intake joined an earlier case, the one `view` shows; `replayed`: the answer to a key seen before. */
export type IntakeAnswer =
  | Exclude<FilingOutcome, { kind: 'filed' | 'replayed' | 'merged' }>
  | { kind: 'filed' | 'merged'; view: CaseView; replayed: boolean };

/**
 * Files the case and answers as soon as D1 holds it; the workflow is started after the answer has gone. The outbox row
 * written with the case is the promise that it starts: if this start fails, or the isolate ends before it is tried,
 * the cron starts it. The case shows `queued` until its workflow's first report opens it.
 */
export async function fileAndStart({ db, gateway, defer, timed, requestId }: EdgeServices, request: FilingRequest): Promise<IntakeAnswer> {
  const outcome = await fileCase(db, { requestId, ...request }, timed);
  if (outcome.kind === 'filed') {
    defer(startFiledCase(db, gateway, outcome, defer));
    // The rows just written are the answer; reading them back would only cost another round trip.
    return { kind: 'filed', view: toCaseView(outcome.detail), replayed: false };
  }
  // Likewise a merged report reaches the workflow after the answer, its outbox row standing in for it till then.
  if (outcome.kind === 'merged') defer(deliverOutboxRow(db, gateway, outcome.outboxRow));
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
