import type { StepName } from '../schemas/steps';
import type { Department, Role } from '../schemas/vocabulary';
import { isWithin } from './jurisdiction';
import { maskContactsInText, maskPhone } from './masking';

/**
 * Who may do what: one table that the edge reads to answer 403 and the case workflow reads to refuse a step
 * whose holder changed between the two checks.
 */
export const permissions = {
  grid_worker: { fileIntake: true, stepCases: false, supervise: false, publishPolicy: false, manageUsers: false, retryDeliveries: false, readContacts: false, readAudit: false },
  mediator: { fileIntake: true, stepCases: true, supervise: false, publishPolicy: false, manageUsers: false, retryDeliveries: false, readContacts: true, readAudit: false },
  supervisor: { fileIntake: true, stepCases: true, supervise: true, publishPolicy: false, manageUsers: false, retryDeliveries: false, readContacts: true, readAudit: false },
  /**
   * An admin also keeps the people and places of their jurisdiction (users, tokens, the tree below them), sends
   * again what Temporal refused for good (the dead letters), and reads who read which case (the audit).
   */
  admin: { fileIntake: true, stepCases: true, supervise: true, publishPolicy: true, manageUsers: true, retryDeliveries: true, readContacts: true, readAudit: true },
  /** A department's liaison reports back for their department on joint routes, and does nothing else. */
  department: { fileIntake: false, stepCases: true, supervise: false, publishPolicy: false, manageUsers: false, retryDeliveries: false, readContacts: false, readAudit: false },
} as const satisfies Record<Role, Record<string, boolean>>;
export type Permission = keyof (typeof permissions)[Role];

export const may = (role: Role, permission: Permission) => permissions[role][permission];

/** Supervisors and admins stand above mediators: they dispatch, decide, acknowledge and may step any case they see. */
export const supervises = (role: Role) => may(role, 'supervise');

/**
 * Whose reads of a whole case are recorded for an admin to check: those who read across a station or a county and
 * not only the cases they work.
 */
export const readIsAudited = (role: Role) => supervises(role);

export const rolesThatMay = (permission: Permission) => (Object.keys(permissions) as Role[]).filter((role) => may(role, permission));

/**
 * A row of a list or an export as a role reads it. Mediators call the parties and supervisors dispatch and check on
 * them, so they read phone numbers whole; a grid worker's list and a department's are read on the street and passed
 * around, so theirs show 138****0001, and so do the phone and ID numbers written into the summary or the address.
 */
export function contactsAsSeenBy<Row extends { summary: string; address: string; parties: { phone: string | null }[] }>(role: Role, row: Row): Row {
  if (may(role, 'readContacts')) return row;
  return {
    ...row,
    summary: maskContactsInText(row.summary),
    address: maskContactsInText(row.address),
    parties: row.parties.map((party) => ({ ...party, phone: party.phone && maskPhone(party.phone) })),
  };
}

/** Steps only a supervisor (or admin) may take. */
export const supervisorSteps: readonly StepName[] = ['assign', 'decide-extension', 'acknowledge-escalation', 'override-triage'];

export interface StepActor {
  id: string;
  role: Role;
  department?: Department | null;
}

/** The one step a department user takes: reporting back for their own department. */
function refuseDepartmentUser(actor: StepActor, step: StepName, department: Department | undefined): string | undefined {
  if (step !== 'record-department-report') return 'a department reports back for its part; the mediators and supervisors take the other steps';
  if (!actor.department || (department && department !== actor.department)) return `you report back for ${actor.department ?? 'no department'} only`;
  return undefined;
}

/** Who holds the case now, as far as the one asking knows. */
export interface CaseHolder {
  assigneeId?: string | null;
  assigneeName?: string;
}

/**
 * Why this person may not take this step on this case, or undefined when they may. `department` is the one a
 * department report speaks for.
 */
export function refuseActor(actor: StepActor, step: StepName, holder: CaseHolder, department?: Department): string | undefined {
  if (!may(actor.role, 'stepCases')) return 'grid workers file cases; mediators and supervisors step them';
  if (actor.role === 'department') return refuseDepartmentUser(actor, step, department);
  if (supervisorSteps.includes(step) && !supervises(actor.role)) return `only a supervisor may ${step.replaceAll('-', ' ')}`;
  if (!supervises(actor.role) && holder.assigneeId && holder.assigneeId !== actor.id) {
    const named = holder.assigneeName ? ` (${holder.assigneeName})` : '';
    return `only the assigned mediator${named} or a supervisor may step this case`;
  }
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
