import { refusal, type Refusal } from '../schemas/refusal';
import type { InstructionStatus } from '../schemas/vocabulary';

/**
 * Why an instruction takes no feedback from its assignee, or undefined when it does: an answer is given once, and a
 * rejected line dispatched nothing to answer. Who the assignee is, the edge decides before asking.
 */
export function feedbackRefusal(line: { status: InstructionStatus; feedbackAt: string | null }): Refusal | undefined {
  if (line.feedbackAt) return refusal('instructionAnswered', { at: line.feedbackAt });
  if (line.status === 'rejected') return refusal('instructionRejected');
  return undefined;
}
