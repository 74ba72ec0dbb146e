import type { Database } from '../../db/client';
import { findBatch, listInstructions, type BatchRow, type InstructionRow } from '../../db/queries/batches';
import type { SignedInUser } from '../../db/queries/users';
import { canSee } from '../../domain/jurisdiction';

/** One line: the instruction with its clock and feedback, the case a dispute line became, or why it was rejected. */
export const toLineView = (line: InstructionRow) => ({
  instructionId: line.id,
  line: line.line,
  kind: line.kind,
  status: line.status,
  assigneeId: line.assigneeId,
  dueAt: line.dueAt,
  overdueAt: line.overdueAt,
  feedbackAt: line.feedbackAt,
  feedback: line.feedback,
  caseId: line.caseId,
  errors: line.error,
  payload: line.payload,
});

/**
 * A batch as its dispatcher reads it: counts first, then every line. `accepted` is every line not rejected (a
 * dispute line filed as a case included); `dispatched` the lines whose clock the workflow started; `overdue` the
 * lines that went past their due time, answered since or not.
 */
export function toBatchView(batch: BatchRow, lines: InstructionRow[]) {
  const count = (test: (line: InstructionRow) => boolean) => lines.filter(test).length;
  return {
    id: batch.id,
    title: batch.title,
    status: batch.status,
    feedbackWithin: batch.feedbackWithin,
    createdBy: batch.createdBy,
    jurisdictionCode: batch.jurisdictionCode,
    createdAt: batch.createdAt,
    counts: {
      lines: lines.length,
      accepted: count((line) => line.status !== 'rejected'),
      rejected: count((line) => line.status === 'rejected'),
      casesFiled: count((line) => line.status === 'case_filed'),
      waitingToDispatch: count((line) => line.status === 'pending'),
      dispatched: count((line) => line.dueAt !== null),
      feedbackReceived: count((line) => line.feedbackAt !== null),
      overdue: count((line) => line.overdueAt !== null),
    },
    lines: lines.map(toLineView),
  };
}
export type BatchView = ReturnType<typeof toBatchView>;

/** A batch within the reader's jurisdiction, else undefined: outside it, as missing, answers 404. */
export async function readBatch(db: Database, user: SignedInUser, batchId: string) {
  const batch = await findBatch(db, batchId);
  if (!batch || !canSee(user, batch.jurisdictionPath)) return undefined;
  return toBatchView(batch, await listInstructions(db, batchId));
}
