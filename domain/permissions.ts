import type { StepName } from '../schemas/steps';
import type { Department, Role } from '../schemas/vocabulary';
import { isWithin } from './jurisdiction';

/**
 * Who may do what: one table that the edge reads to answer 403 and the case workflow reads to refuse a step
 * whose holder changed between the two checks.
 */
export const permissions = {
  grid_worker: { fileIntake: true, stepCases: false, supervise: false, publishPolicy: false },
  mediator: { fileIntake: true, stepCases: true, supervise: false, publishPolicy: false },
  supervisor: { fileIntake: true, stepCases: true, supervise: true, publishPolicy: false },
  admin: { fileIntake: true, stepCases: true, supervise: true, publishPolicy: true },
  /** A department's liaison reports back for their department on joint routes, and does nothing else. */
  department: { fileIntake: false, stepCases: true, supervise: false, publishPolicy: false },
} as const satisfies Record<Role, Record<string, boolean>>;
export type Permission = keyof (typeof permissions)[Role];

export const may = (role: Role, permission: Permission) => permissions[role][permission];

/** Supervisors and admins stand above mediators: they dispatch, decide, acknowledge and may step any case they see. */
export const supervises = (role: Role) => may(role, 'supervise');

export const rolesThatMay = (permission: Permission) => (Object.keys(permissions) as Role[]).filter((role) => may(role, permission));

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
