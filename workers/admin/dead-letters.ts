import { deadLettersWithin } from '../../db/queries/outbox';
import type { SignedInUser } from '../../db/queries/users';
import type { EdgeServices } from '../runtime/edge-services';
import { retryDeadLetter } from '../sync/outbox-delivery';
import { recordChange } from '../../db/queries/audit-trail';

/** The dead letters an admin keeps: those of the cases and batches of their own jurisdiction and below. */
export const deadLettersKeptBy = (db: EdgeServices['db'], admin: SignedInUser) => deadLettersWithin(db, admin.jurisdictionPath);

export type DeadLetterRetry = { kind: 'tried'; outcome: 'started' | 'unavailable' | 'refused' } | { kind: 'notFound' };

/** Sends one of them again, at once; one outside the admin's jurisdiction is as good as absent. */
export async function sendDeadLetterAgain({ db, gateway, refusalBackoff }: EdgeServices, admin: SignedInUser, outboxId: number): Promise<DeadLetterRetry> {
  const kept = await deadLettersKeptBy(db, admin);
  if (!kept.some((letter) => letter.outboxId === outboxId)) return { kind: 'notFound' };
  const outcome = await retryDeadLetter(db, gateway, outboxId, refusalBackoff);
  if (outcome !== 'notDead') await recordChange(db, admin.id, { action: 'deadLetterSentAgain', targetKind: 'outbox', targetId: String(outboxId), detail: { outcome } });
  return outcome === 'notDead' ? { kind: 'notFound' } : { kind: 'tried', outcome };
}
