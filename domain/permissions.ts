import { refusal, type Refusal } from '../schemas/refusal';
import type { StepName } from '../schemas/steps';
import type { Department, OrderStage, Role } from '../schemas/vocabulary';
import { canSee, isWithin } from './jurisdiction';
import { maskContactsInText, maskPhone } from './masking';

/**
 * Who may do what: one table that the edge reads to answer 403 and the case workflow reads to refuse a step
 * whose holder changed between the two checks.
 */
export const permissions = {
  grid_worker: { fileIntake: true, stepCases: false, supervise: false, publishPolicy: false, manageUsers: false, retryDeliveries: false, readContacts: false, readAudit: false, workQueue: false, departmentTasks: false, attachEvidence: true, readPhotoLocation: true },
  mediator: { fileIntake: true, stepCases: true, supervise: false, publishPolicy: false, manageUsers: false, retryDeliveries: false, readContacts: false, readAudit: false, workQueue: true, departmentTasks: false, attachEvidence: true, readPhotoLocation: true },
  supervisor: { fileIntake: true, stepCases: true, supervise: true, publishPolicy: false, manageUsers: false, retryDeliveries: false, readContacts: true, readAudit: false, workQueue: true, departmentTasks: false, attachEvidence: true, readPhotoLocation: true },
  /**
   * An admin also keeps the people and places of their jurisdiction (users, tokens, the tree below them), sends
   * again what Temporal refused for good (the dead letters), and reads who read which case (the audit).
   */
  admin: { fileIntake: true, stepCases: true, supervise: true, publishPolicy: true, manageUsers: true, retryDeliveries: true, readContacts: true, readAudit: true, workQueue: true, departmentTasks: false, attachEvidence: true, readPhotoLocation: true },
  /**
   * A department's liaison reports back for their department on joint routes, and does nothing else. They see the
   * evidence of the matter they act on, but not where a photo was taken: a phone's GPS in a photo places the person who
   * took it and often a party's home to a few metres, and a liaison's copies travel on inside their department, beyond
   * the station that holds the case. Everyone who works the case (files it, mediates it, supervises it) reads it whole.
   */
  department: { fileIntake: false, stepCases: true, supervise: false, publishPolicy: false, manageUsers: false, retryDeliveries: false, readContacts: false, readAudit: false, workQueue: false, departmentTasks: true, attachEvidence: false, readPhotoLocation: false },
} as const satisfies Record<Role, Record<string, boolean>>;
export type Permission = keyof (typeof permissions)[Role];

export const may = (role: Role, permission: Permission) => permissions[role][permission];

/**
 * Who adds evidence to a case: whoever works it. The grid worker or whoever else filed it, the mediator it is
 * dispatched to, and the supervisors over it (who may read it at all is mayReadCase's, asked first).
 */
export const mayAttachTo = (actor: Pick<CaseReader, 'id' | 'role'>, theCase: { filedBy: string; assigneeId: string | null }) =>
  may(actor.role, 'attachEvidence') && (supervises(actor.role) || theCase.assigneeId === actor.id || theCase.filedBy === actor.id);

/** Supervisors and admins stand above mediators: they dispatch, decide, acknowledge and may step any case they see. */
export const supervises = (role: Role) => may(role, 'supervise');

export const rolesThatMay = (permission: Permission) => (Object.keys(permissions) as Role[]).filter((role) => may(role, permission));

/** Who reads a case, as far as reading goes: their place, and a liaison's department. */
export interface CaseReader {
  id: string;
  role: Role;
  jurisdictionPath: string;
  department?: Department | null;
}

/** What a read needs to know of a case: where it lies, who holds it, which departments its route names. */
export interface ReadableCase {
  jurisdictionPath: string;
  assigneeId: string | null;
  departments: readonly Department[];
}

/**
 * Whether the reader may read the case at all; one they may not is as missing as a case that does not exist. Each
 * reads what lies within their own place (a grid worker's grid cells, a station, a county); a department's liaison
 * only the cases whose route names their department, as their task list shows them.
 */
export function mayReadCase(reader: CaseReader, theCase: ReadableCase): boolean {
  if (!canSee(reader, theCase.jurisdictionPath)) return false;
  if (reader.role !== 'department') return true;
  return Boolean(reader.department && theCase.departments.includes(reader.department));
}

/**
 * Whether phone and ID numbers are read whole. Supervisors dispatch and check on every case, and a mediator calls
 * the parties of the cases dispatched to them; everyone else (a grid worker on the street, a liaison, a mediator
 * reading a colleague's case) reads 138****0001, and so do the numbers written into the summary or the address.
 */
export const readsContactsOf = (reader: Pick<CaseReader, 'id' | 'role'>, theCase: { assigneeId: string | null }) =>
  may(reader.role, 'readContacts') || (reader.role === 'mediator' && theCase.assigneeId !== null && theCase.assigneeId === reader.id);

/** A row of a list or an export as this reader reads it (see readsContactsOf). */
export function contactsAsSeenBy<Row extends { summary: string; address: string; assigneeId: string | null; parties: { phone: string | null }[] }>(
  reader: Pick<CaseReader, 'id' | 'role'>,
  row: Row,
): Row {
  if (readsContactsOf(reader, row)) return row;
  return {
    ...row,
    summary: maskContactsInText(row.summary),
    address: maskContactsInText(row.address),
    parties: row.parties.map((party) => ({ ...party, phone: party.phone && maskPhone(party.phone) })),
  };
}

/** Steps only a supervisor (or admin) may take: dispatching, deciding, acknowledging, judging a case's risk. */
export const supervisorSteps: readonly StepName[] = ['assign', 'decide-extension', 'acknowledge-escalation', 'override-triage', 'review-flags'];

/**
 * Steps a supervisor takes beside the mediator who holds the case: ending it (an exit, a close once resolved) and
 * pausing it. Every other step is the mediator's own work, which a supervisor does not take in their name.
 */
export const sharedSteps: readonly StepName[] = ['exit', 'close', 'pause', 'resume'];

export const isMediatorStep = (step: StepName) => !supervisorSteps.includes(step) && !sharedSteps.includes(step) && step !== 'record-department-report';

export interface StepActor {
  id: string;
  role: Role;
  department?: Department | null;
  /** A supervisor taking a mediator's step for the mediator who holds the case (a recorded exception, not a habit). */
  onBehalfOf?: { id: string } | null;
}

/** The one step a department user takes: reporting back for their own department. */
function refuseDepartmentUser(actor: StepActor, step: StepName, department: Department | undefined): Refusal | undefined {
  if (step !== 'record-department-report') return refusal('departmentOnly');
  if (!actor.department || (department && department !== actor.department)) return refusal('ownDepartment', { department: actor.department ?? 'none' });
  return undefined;
}

/** An order its mediator has accepted stays accepted once resolved or closed: the return visits and the close are theirs too. */
export const isAccepted = (order: OrderStage | null | undefined) => order === 'accepted' || order === 'resolved' || order === 'closed';

/** Who holds the case now, as far as the one asking knows: its assignee, and whether they have accepted it. */
export interface CaseHolder {
  assigneeId?: string | null;
  assigneeName?: string;
  accepted: boolean;
}

const holderName = (holder: CaseHolder) => holder.assigneeName ?? null;

/**
 * Why this person may not take this step on this case, or undefined when they may. `department` is the one a
 * department report speaks for. A mediator works only a case dispatched to them, and only once they accepted it;
 * a case nobody was dispatched takes no step from a mediator at all, so a supervisor dispatches or ends it. A
 * supervisor takes a mediator's step only as an explicit step on behalf of the mediator who holds the case.
 */
export function refuseActor(actor: StepActor, step: StepName, holder: CaseHolder, department?: Department): Refusal | undefined {
  if (!may(actor.role, 'stepCases')) return refusal('gridWorkers');
  if (actor.role === 'department') return refuseDepartmentUser(actor, step, department);
  if (supervisorSteps.includes(step)) return supervises(actor.role) ? undefined : refusal('supervisorOnly', { step });
  if (supervises(actor.role)) {
    if (!isMediatorStep(step)) return undefined;
    if (!holder.assigneeId) return refusal('mediatorsStepDispatch');
    if (!actor.onBehalfOf) return refusal('mediatorsStep', { name: holderName(holder) });
    return refuseHolder(actor.onBehalfOf.id, step, holder);
  }
  if (!holder.assigneeId) return refusal('notDispatchedToYou');
  return refuseHolder(actor.id, step, holder);
}

/** The mediator's own work: theirs alone, and only once they accepted it, whether they or a supervisor records it. */
function refuseHolder(mediatorId: string, step: StepName, holder: CaseHolder): Refusal | undefined {
  if (holder.assigneeId !== mediatorId) return refusal('assigneeOnly', { name: holderName(holder) });
  if (step !== 'accept' && !holder.accepted) return refusal('acceptFirst');
  return undefined;
}

/** A case is dispatched only to a mediator who serves its jurisdiction. */
export const mayBeAssigned = (candidate: { role: Role; jurisdictionPath: string }, casePath: string) =>
  candidate.role === 'mediator' && isWithin(casePath, candidate.jurisdictionPath);

/**
 * Whether a mediator may be dispatched to some case within a jurisdiction: one at or above it serves all its cases
 * (mayBeAssigned), one below it serves the cases of their own part.
 */
export const mayBeAssignedWithin = (candidate: { role: Role; jurisdictionPath: string }, path: string) =>
  mayBeAssigned(candidate, path) || (candidate.role === 'mediator' && isWithin(candidate.jurisdictionPath, path));
