import * as v from 'valibot';
import { categories, riskFlags } from './vocabulary';

/**
 * Why triage chose a case's first route and whether the case is hard, one reason a code with its parameters, so a
 * page words it in its own language. Runs from before kept each reason as an English sentence: a reader takes those
 * as they come and says nothing of them.
 */
export const triageReasonSchema = v.variant('code', [
  /** A group dispute: the departments act together. */
  v.object({ code: v.literal('groupDispute') }),
  /** Disputes of this category involve several departments. */
  v.object({ code: v.literal('jointCategory'), category: v.picklist(categories) }),
  /** Money or contracts are at stake: an agreement a court can confirm carries weight. */
  v.object({ code: v.literal('judicialCategory'), category: v.picklist(categories) }),
  /** Settled close to home first. */
  v.object({ code: v.literal('closeToHome'), category: v.picklist(categories) }),
  /** A risk the filer ticked makes the case hard. */
  v.object({ code: v.literal('risk'), flag: v.picklist(riskFlags) }),
  /** It repeats an earlier dispute, which makes it hard. */
  v.object({ code: v.literal('repeat') }),
]);
export type TriageReason = v.InferOutput<typeof triageReasonSchema>;

/** A reason as a run records it: a code now, an English sentence from a run before codes. */
export const recordedTriageReasonSchema = v.union([triageReasonSchema, v.string()]);
