import type { Department, Role } from '../schemas/vocabulary';

export interface UserRecord {
  role: Role;
  department: Department | null;
}

/** A department's liaison answers for one department (see permissions.ts); nobody else answers for any. */
export function departmentIssue(user: UserRecord): 'departmentRequired' | 'departmentRefused' | undefined {
  if (user.role === 'department') return user.department ? undefined : 'departmentRequired';
  return user.department ? 'departmentRefused' : undefined;
}

/**
 * A user after an admin's change. Moving a liaison to another role drops the department they answered for,
 * so the admin need not clear it by hand; a department named anyway is refused by `departmentIssue`.
 */
export function changedUser<U extends UserRecord>(current: U, change: Partial<U>): U {
  const role = change.role ?? current.role;
  const department = change.department !== undefined ? change.department : role === 'department' ? current.department : null;
  return { ...current, ...change, role, department };
}

/**
 * What an admin may not do to their own account: disable it or give up the admin role. Either would lock them out
 * of the page they are on, and perhaps leave the jurisdiction with nobody to undo it.
 */
export function refuseOwnAccount(adminId: string, userId: string, change: { disable?: boolean; role?: Role }): string | undefined {
  if (adminId !== userId) return undefined;
  if (change.disable) return 'an admin cannot disable their own account; ask another admin';
  if (change.role !== undefined && change.role !== 'admin') return 'an admin cannot give up their own admin role; ask another admin';
  return undefined;
}
