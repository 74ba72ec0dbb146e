import type { Database } from '../../db/client';
import { findBatchWithCounts, listBatchesWithin, listInstructions, listInstructionsOf, type BatchWithCounts, type InstructionRow } from '../../db/queries/batches';
import type { SignedInUser } from '../../db/queries/users';
import { instructionState } from '../../domain/batch-clocks';
import { canSee, visiblePathOf } from '../../domain/jurisdiction';
import { batchListCursor, instructionListCursor } from '../../schemas/batch';
import { decodeKeyset } from '../../schemas/cursor';
import { pageOf, type PageRequest } from '../kit/paging';

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

/** A batch as its dispatcher reads it in the list: what it is and what its lines come to (db/queries/batches.ts). */
export const toBatchSummary = ({ jurisdictionPath: _, ...batch }: BatchWithCounts) => batch;
export type BatchSummary = ReturnType<typeof toBatchSummary>;

/** A batch with every line. */
export const toBatchView = (batch: BatchWithCounts, lines: InstructionRow[]) => ({ ...toBatchSummary(batch), lines: lines.map(toLineView) });
export type BatchView = ReturnType<typeof toBatchView>;

/** A batch within the reader's jurisdiction, else undefined: outside it, as missing, answers 404. */
export async function readBatch(db: Database, user: SignedInUser, batchId: string) {
  const batch = await findBatchWithCounts(db, batchId);
  if (!batch || !canSee(user, batch.jurisdictionPath)) return undefined;
  return toBatchView(batch, await listInstructions(db, batchId));
}

const defaultLimit = 50;

/** The batches of the reader's jurisdiction and below, newest first, a page at a time. */
export async function listBatchesFor(db: Database, user: SignedInUser, page: PageRequest) {
  const limit = page.limit ?? defaultLimit;
  const after = page.cursor ? decodeKeyset(batchListCursor.name, batchListCursor.key, page.cursor) : undefined;
  const found = await listBatchesWithin(db, visiblePathOf(user), after, limit + 1);
  const { rows, nextCursor } = pageOf(found, limit, batchListCursor.name, (batch) => [batch.createdAt, batch.id] as const);
  return { rows: rows.map(toBatchSummary), nextCursor };
}

/** "My instructions": what the signed-in assignee still has to answer, nearest due first, then what they answered. */
export async function listInstructionsFor(db: Database, user: SignedInUser, page: PageRequest) {
  const limit = page.limit ?? defaultLimit;
  const after = page.cursor ? decodeKeyset(instructionListCursor.name, instructionListCursor.key, page.cursor) : undefined;
  const found = await listInstructionsOf(db, user.id, after, limit + 1);
  const { rows, nextCursor } = pageOf(found, limit, instructionListCursor.name, (row) => row.sortKey);
  return {
    rows: rows.map(({ instruction, batchTitle }) => ({
      ...toLineView(instruction),
      batchId: instruction.batchId,
      batchTitle,
      state: instructionState(instruction),
    })),
    nextCursor,
  };
}
