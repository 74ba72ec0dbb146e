import { findInstruction, recordFeedback } from '../../db/queries/batches';
import type { SignedInUser } from '../../db/queries/users';
import { canSee } from '../../domain/jurisdiction';
import type { EdgeServices } from '../runtime/edge-services';
import { retryPendingBatchOutbox } from '../sync/outbox-delivery';
import { toLineView } from './batch-view';

export type FeedbackAnswer =
  | { kind: 'recorded'; line: ReturnType<typeof toLineView> }
  | { kind: 'notFound' }
  | { kind: 'notYours' }
  | { kind: 'refused'; reason: string };

/**
 * An assignee answers their own instruction once. The answer is written to D1 with a queued signal that stops the
 * line's clock in the batch's workflow; the signal is tried at once and otherwise left to the cron.
 */
export async function giveFeedback(services: EdgeServices, user: SignedInUser, instructionId: number, feedback: string, now = new Date()): Promise<FeedbackAnswer> {
  const found = await findInstruction(services.db, instructionId);
  if (!found) return { kind: 'notFound' };
  const { instruction } = found;
  if (instruction.assigneeId !== user.id) {
    // Someone who may see the batch learns it is not theirs; anyone else learns nothing, as for a case.
    return canSee(user, found.jurisdictionPath) ? { kind: 'notYours' } : { kind: 'notFound' };
  }
  if (instruction.feedbackAt) return { kind: 'refused', reason: `feedback was already given at ${instruction.feedbackAt}` };
  if (instruction.status === 'rejected') return { kind: 'refused', reason: 'this line was rejected and dispatched nothing' };

  const at = now.toISOString();
  const { recorded } = await recordFeedback(services.db, instruction, feedback, at);
  if (!recorded) return { kind: 'refused', reason: 'feedback was already given' };
  // The answer does not wait on Temporal: the signal goes after it, or with the cron.
  services.defer(retryPendingBatchOutbox(services.db, services.gateway, instruction.batchId));
  const answered = await findInstruction(services.db, instructionId);
  return { kind: 'recorded', line: toLineView(answered?.instruction ?? { ...instruction, status: 'answered', feedback, feedbackAt: at }) };
}
