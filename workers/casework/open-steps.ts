import type { Database } from '../../db/client';
import type { caseClocks, cases } from '../../db/schema';
import { findCaseStates } from '../../db/queries/case-states';
import type { SignedInUser } from '../../db/queries/users';
import { stateOfProjection, stepsOpenNow, type OpenStep, type StepActor } from '../../domain/steps-now';
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
  return state && stepsOpenNow(state, actorOf(user), context.now.toISOString());
}

/** The open steps of a page of cases, by case id, with where each case's route stands (its departments' answers). */
export async function openStepsOfCases(db: Database, user: SignedInUser, caseIds: readonly string[], context: { policy: SlaPolicy; now: Date }) {
  const found = await findCaseStates(db, caseIds);
  return new Map(
    found.map(({ case: row, clocks }) => [row.id, { openSteps: openStepsOfRow(row, clocks, user, context), route: row.progress?.route }] as const),
  );
}

export type CaseSteps = NonNullable<ReturnType<Awaited<ReturnType<typeof openStepsOfCases>>['get']>>;
