import * as v from 'valibot';
import { findCase } from '../../db/queries/cases';
import type { SignedInUser } from '../../db/queries/users';
import { mayReadCase } from '../../domain/permissions';
import type { BulkDispatchForm } from '../../schemas/bulk-dispatch';
import { stepPayloadSchemas } from '../../schemas/steps';
import { readableOf } from '../cases/case-view';
import type { EdgeServices } from '../runtime/edge-services';
import { takeStep, type StepAnswer } from './take-step';

export type DispatchResult = { caseId: string; caseNumber?: string; answer: StepAnswer };

/**
 * Dispatches each ticked case to the one mediator as a step of its own, through the same service a single dispatch
 * takes, one after another: a case refused (another station's, a joint route that needs its departments, one
 * dispatched already) leaves the others as they go. Each step's ID is the form's key and the case, so the form
 * sent again attaches to the first try of each.
 */
export async function dispatchEach(services: EdgeServices, user: SignedInUser, form: BulkDispatchForm, utcOffset: string): Promise<DispatchResult[]> {
  const payload = v.parse(stepPayloadSchemas.assign, { mediatorId: form.mediatorId });
  const results: DispatchResult[] = [];
  for (const caseId of new Set(form.caseId)) {
    const answer = await takeStep(services, { user, caseId, step: 'assign', payload, stepId: `bulk-${form.key}-${caseId}`, utcOffset });
    // A case the caller may not read keeps its number to itself, as its page does.
    const found = answer.kind === 'taken' ? undefined : await findCase(services.db, caseId);
    const caseNumber = answer.kind === 'taken' ? answer.view.caseNumber : found && mayReadCase(user, readableOf(found)) ? found.caseNumber : undefined;
    results.push({ caseId, caseNumber, answer });
  }
  return results;
}
