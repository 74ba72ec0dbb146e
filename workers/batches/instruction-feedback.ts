import type { Database } from '../../db/client';
import { findInstruction, recordFeedback } from '../../db/queries/batches';
import type { SignedInUser } from '../../db/queries/users';
import { feedbackRefusal } from '../../domain/instruction-feedback';
import { canSee } from '../../domain/jurisdiction';
import { refusal, type Refusal } from '../../schemas/refusal';
import type { EdgeServices } from '../runtime/edge-services';
import { retryPendingBatchOutbox } from '../sync/outbox-delivery';
import { toLineView } from './batch-view';

type FoundInstruction = NonNullable<Awaited<ReturnType<typeof findInstruction>>>;

/** An instruction as its assignee may read it, or why another may not: the one check the pages and the API share. */
export type OwnInstruction = { kind: 'found'; found: FoundInstruction } | { kind: 'notFound' } | { kind: 'notYours' };

export async function ownInstruction(db: Database, user: SignedInUser, instructionId: number): Promise<OwnInstruction> {
  const found = Number.isSafeInteger(instructionId) && instructionId > 0 ? await findInstruction(db, instructionId) : undefined;
  if (!found) return { kind: 'notFound' };
  if (found.instruction.assigneeId === user.id) return { kind: 'found', found };
  // Someone who may see the batch learns it is not theirs; anyone else learns nothing, as for a case.
  return canSee(user, found.jurisdictionPath) ? { kind: 'notYours' } : { kind: 'notFound' };
}

export type FeedbackAnswer =
  | { kind: 'recorded'; line: ReturnType<typeof toLineView> }
  | { kind: 'notFound' }
  | { kind: 'notYours' }
  | { kind: 'refused'; refusal: Refusal };

/**
 * An assignee answers their own instruction once. The answer is written to D1 with a queued signal that stops the
 * line's clock in the batch's workflow; the signal is tried at once and otherwise left to the cron.
 */
export async function giveFeedback(services: EdgeServices, user: SignedInUser, instructionId: number, feedback: string, now = new Date()): Promise<FeedbackAnswer> {
  const own = await ownInstruction(services.db, user, instructionId);
  if (own.kind !== 'found') return own;
  const { instruction } = own.found;
  const refused = feedbackRefusal(instruction);
  if (refused) return { kind: 'refused', refusal: refused };

  const at = now.toISOString();
  const { recorded } = await recordFeedback(services.db, instruction, feedback, at);
  if (!recorded) {
    // Another answer won the race: it is the one that stands, and its time is the one to tell.
    const winner = await findInstruction(services.db, instructionId);
    return { kind: 'refused', refusal: refusal('instructionAnswered', { at: winner?.instruction.feedbackAt ?? at }) };
  }
  // The answer does not wait on Temporal: the signal goes after it, or with the cron.
  services.defer(retryPendingBatchOutbox(services.db, services.gateway, instruction.batchId));
  const answered = await findInstruction(services.db, instructionId);
  return { kind: 'recorded', line: toLineView(answered?.instruction ?? { ...instruction, status: 'answered', feedback, feedbackAt: at }) };
}
