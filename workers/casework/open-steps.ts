import type { Database } from '../../db/client';
import type { caseClocks, cases } from '../../db/schema';
import { findCaseStates } from '../../db/queries/case-states';
import type { SignedInUser } from '../../db/queries/users';
import { stateOfProjection, stepsOpenNow, whyNoStepIsOpen, type OpenStep, type StepActor } from '../../domain/steps-now';
import type { Refusal } from '../../schemas/refusal';
import type { SlaPolicy } from '../../schemas/policy';

/** The signed-in user as a step names its actor. */
export const actorOf = (user: SignedInUser): StepActor => ({
  id: user.id,
  role: user.role,
  name: user.name,
  ...(user.department ? { department: user.department } : {}),
});

/** The steps open to this user on a case as D1 holds it; undefined while its workflow has not started. */
export function openStepsOfRow(
  row: typeof cases.$inferSelect,
  clocks: readonly (typeof caseClocks.$inferSelect)[],
  user: SignedInUser,
  context: { policy: SlaPolicy; now: Date },
): OpenStep[] | undefined {
  return stepsAndWhyNot(row, clocks, user, context)?.open;
}

/**
 * The steps open to this user, and when there are none, why (the refusal of the step they would look to take next),
 * so a page never says only that there is nothing to do. Undefined while the case's workflow has not started.
 */
export function stepsAndWhyNot(
  row: typeof cases.$inferSelect,
  clocks: readonly (typeof caseClocks.$inferSelect)[],
  user: SignedInUser,
  context: { policy: SlaPolicy; now: Date },
): { open: OpenStep[]; whyNone?: Refusal } | undefined {
  const state = stateOfProjection(
    {
      caseId: row.id,
      caseNumber: row.caseNumber,
      channel: row.channel,
      jurisdictionCode: row.jurisdictionCode,
      status: row.status,
      hardCase: row.hardCase,
      order: row.orderStage,
      escalationLevel: row.escalationLevel as 0 | 1 | 2,
      riskFlags: row.riskFlags,
      outcome: row.outcome,
      clocks: [...clocks],
      progress: row.progress,
      resumeState: row.resumeState,
    },
    context.policy,
  );
  if (!state) return undefined;
  const now = context.now.toISOString();
  const open = stepsOpenNow(state, actorOf(user), now);
  return open.length ? { open } : { open, whyNone: whyNoStepIsOpen(state, actorOf(user), now) };
}

/** The open steps of a page of cases, by case id, with where each case's route stands (its departments' answers). */
export async function openStepsOfCases(db: Database, user: SignedInUser, caseIds: readonly string[], context: { policy: SlaPolicy; now: Date }) {
  const found = await findCaseStates(db, caseIds);
  return new Map(
    found.map(({ case: row, clocks }) => [row.id, { openSteps: openStepsOfRow(row, clocks, user, context), route: row.progress?.route }] as const),
  );
}

export type CaseSteps = NonNullable<ReturnType<Awaited<ReturnType<typeof openStepsOfCases>>['get']>>;
