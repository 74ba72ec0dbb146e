import { findCase, findCaseByNumber, findCaseDetail, type CaseDetail } from '../../db/queries/cases';
import { findUserById, type SignedInUser } from '../../db/queries/users';
import { canSee } from '../../domain/jurisdiction';
import { isAccepted, isMediatorStep, mayBeAssigned, mayReadCase, refuseActor, supervises } from '../../domain/permissions';
import { refusal, type Refusal } from '../../schemas/refusal';
import type { StepName, StepUpdate } from '../../schemas/steps';
import { TemporalUnavailableError } from '../sync/gateway';
import { readableOf, toCaseView, type CaseView } from '../cases/case-view';
import type { EdgeServices } from '../runtime/edge-services';
import { retryPendingOutbox } from '../sync/outbox-delivery';
import { recordStepReports } from '../sync/record-report';
import { mergeDuplicate } from '../cases/repeats';

export interface StepRequest<S extends StepName = StepName> {
  user: SignedInUser;
  caseId: string;
  step: S;
  /** Already checked against the step's schema. */
  payload: Extract<StepUpdate, { step: S }>['payload'];
  /** The update's ID: the same key sent again attaches to the first try. */
  stepId: string;
  /** A supervisor records this mediator's step for the mediator the case is dispatched to. */
  onBehalfOfAssignee?: boolean;
  /** The county's offset from UTC: an agreement the step records is numbered in the county's year. */
  utcOffset: string;
}

export type StepAnswer =
  | { kind: 'taken'; view: CaseView }
  | { kind: 'notFound' }
  | { kind: 'forbidden'; refusal: Refusal }
  | { kind: 'invalid'; field: string; code: string; message: string }
  | { kind: 'refused'; refusal: Refusal }
  /** Nothing changed, or the step may or may not have been taken (`maybeTaken`): send it again. */
  | { kind: 'unavailable'; maybeTaken: boolean };

/**
 * A mediator or supervisor advances a case. Who may is decided from D1 by the permission table the workflow
 * also applies; whether the step is allowed now is decided by the case's workflow, whose validator refuses it.
 */
export async function takeStep(services: EdgeServices, request: StepRequest): Promise<StepAnswer> {
  const { db, gateway, timed } = services;
  const { user, caseId, step } = request;
  // The case row alone answers who may step it; the whole case is read once, for the answer.
  const found = await timed('case', findCase(db, caseId));
  // A case the caller may not read is as missing to a step as to a read: another station's, or a liaison's case
  // whose route does not name their department.
  if (!found || !mayReadCase(user, readableOf(found))) return { kind: 'notFound' };
  const reportingFor = 'department' in request.payload ? request.payload.department : undefined;
  if (request.onBehalfOfAssignee && !(supervises(user.role) && isMediatorStep(step))) {
    return { kind: 'forbidden', refusal: refusal('onBehalfSupervisorOnly') };
  }
  const onBehalfOf = request.onBehalfOfAssignee && found.assigneeId ? { id: found.assigneeId, name: found.assigneeName ?? found.assigneeId } : undefined;
  const notTheirs = refuseActor({ ...user, onBehalfOf }, step, { assigneeId: found.assigneeId, assigneeName: found.assigneeName ?? undefined, accepted: isAccepted(found.orderStage) }, reportingFor);
  if (notTheirs) return { kind: 'forbidden', refusal: notTheirs };

  const payload = { ...request.payload };
  if (step === 'assign') {
    const dispatch = payload as Extract<StepUpdate, { step: 'assign' }>['payload'];
    const mediator = await findUserById(db, dispatch.mediatorId);
    if (!mediator || !mayBeAssigned(mediator, found.jurisdictionPath)) {
      return { kind: 'invalid', field: 'mediatorId', code: 'mediatorUnknown', message: 'No mediator with this ID serves this case’s jurisdiction.' };
    }
    dispatch.mediatorName = mediator.name;
  }
  // A duplicate names the case it duplicates: one the caller may see, and not itself.
  const exit = step === 'exit' ? (payload as Extract<StepUpdate, { step: 'exit' }>['payload']) : undefined;
  const duplicateOf = exit?.kind === 'duplicate' ? await findCaseByNumber(db, exit.duplicateOf) : undefined;
  if (exit?.kind === 'duplicate' && (!duplicateOf || duplicateOf.id === found.id || !canSee(user, duplicateOf.jurisdictionPath))) {
    return { kind: 'invalid', field: 'duplicateOf', code: 'caseUnknown', message: 'No other case with this number in your jurisdiction.' };
  }
  if (found.status === 'queued') {
    // Its start may still be on its way (or waiting for Temporal): deliver it now rather than refuse the step.
    await retryPendingOutbox(db, gateway, found.id);
    if ((await findCase(db, found.id))?.status === 'queued') return { kind: 'unavailable', maybeTaken: false };
  }

  const actor = { id: user.id, role: user.role, name: user.name, ...(user.department ? { department: user.department } : {}), ...(onBehalfOf ? { onBehalfOf } : {}) };
  const update = { step, actor, payload } as StepUpdate;
  let after: CaseDetail | undefined;
  try {
    const outcome = await timed('workflow', gateway.executeStep(found.id, update, request.stepId));
    if (!outcome.ok) return { kind: 'refused', refusal: outcome.refusal };
    // One trip: D1 records the step's reports and answers with the case in the same batch, through the writes
    // /internal makes; the activity's delivery of the same reports later finds them there and changes nothing.
    after = await timed(
      'record',
      recordStepReports(db, found, outcome.reports, request.utcOffset).catch((error: unknown) => {
        console.error(`step ${request.stepId}: its reports wait for their delivery`, error);
        return undefined;
      }),
    );
  } catch (error) {
    if (error instanceof TemporalUnavailableError) return { kind: 'unavailable', maybeTaken: true };
    throw error;
  }
  after ??= await timed('answer', findCaseDetail(db, found.id));
  if (duplicateOf) await mergeDuplicate(services, after!, duplicateOf.id, user.id);
  return { kind: 'taken', view: toCaseView(after!) };
}
