import type { Database } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { disableUser, enableUser, findUserRecord, insertUser, listUsersWithin, updateUser, type UserRecord } from '../../db/queries/users';
import { canManage } from '../../domain/jurisdiction';
import { changedUser, departmentIssue, refuseOwnAccount } from '../../domain/people';
import type { NewUser, UserChange } from '../../schemas/users';
import { normalisedCode, oneTimeCode, sha256Hex } from '../runtime/crypto';
import { issueOneTimeCode, unlockAccount } from '../../db/queries/accounts';
import { oneTimeCodeLifetimeMs } from '../../domain/sign-in-backoff';
import { customError, type FieldError, type Lang } from '../i18n/messages';
import { managedJurisdiction, type Manager } from './manage-jurisdictions';
import { forgetSignedInUsers } from '../middleware/signed-in-users';
import { recordChange } from '../../db/queries/audit-trail';

export type UserAnswer =
  | { kind: 'done'; user: UserRecord }
  /** A one-time code in plain text, answered this once, for the user to sign in with and set their password. */
  | { kind: 'codeIssued'; user: UserRecord; oneTimeCode: string }
  | { kind: 'notFound' }
  | { kind: 'taken' }
  | { kind: 'refused'; reason: string }
  | { kind: 'invalid'; errors: FieldError[] };

export const usersManagedBy = (db: Database, admin: Manager) => listUsersWithin(db, admin.jurisdictionPath);

/** A user the admin manages; one outside their tree is as missing as one that does not exist. */
export async function managedUser(db: Database, admin: Manager, id: string) {
  const user = await findUserRecord(db, id);
  return user && canManage(admin, user.jurisdictionPath) ? user : undefined;
}

/** Checks what the schema cannot know: the department rule, and that the jurisdiction is one the admin manages. */
async function placeIssues(db: Database, admin: Manager, user: Pick<UserRecord, 'role' | 'department' | 'jurisdictionCode'>, lang: Lang) {
  const errors: FieldError[] = [];
  if (!(await managedJurisdiction(db, admin, user.jurisdictionCode))) errors.push(customError(lang, 'jurisdictionCode', 'jurisdictionUnknown'));
  const department = departmentIssue(user);
  if (department) errors.push(customError(lang, 'department', department));
  return errors;
}

async function answerWith(db: Database, id: string): Promise<UserAnswer> {
  const user = await findUserRecord(db, id);
  return user ? { kind: 'done', user } : { kind: 'notFound' };
}

/** A person's first way in: a one-time code, with which they sign in once and choose their password. */
export async function firstSignInCode(now: Date) {
  const code = oneTimeCode();
  return { code, oneTimeCodeHash: await sha256Hex(normalisedCode(code)), oneTimeCodeExpiresAt: new Date(now.getTime() + oneTimeCodeLifetimeMs).toISOString() };
}

/** A new user, answered with their one-time code; a program of theirs gets a token from them or the admin later. */
export async function createUser(db: Database, admin: Manager, request: NewUser, lang: Lang, now = new Date()): Promise<UserAnswer> {
  const user = { ...request, department: request.department ?? null };
  const errors = await placeIssues(db, admin, user, lang);
  if (errors.length) return { kind: 'invalid', errors };
  const { code, ...codeHash } = await firstSignInCode(now);
  try {
    await insertUser(db, { ...user, ...codeHash });
  } catch (error) {
    if (isUniqueViolation(error, 'users')) return { kind: 'taken' };
    throw error;
  }
  await recordChange(db, admin.id, { action: 'userCreated', targetKind: 'user', targetId: user.id, detail: { name: user.name, role: user.role, jurisdictionCode: user.jurisdictionCode, department: user.department } });
  const made = await findUserRecord(db, user.id);
  return made ? { kind: 'codeIssued', user: made, oneTimeCode: code } : { kind: 'notFound' };
}

export async function changeUser(db: Database, admin: Manager, id: string, change: UserChange, lang: Lang): Promise<UserAnswer> {
  const current = await managedUser(db, admin, id);
  if (!current) return { kind: 'notFound' };
  const refusal = refuseOwnAccount(admin.id, id, { role: change.role });
  if (refusal) return { kind: 'refused', reason: refusal };
  const next = changedUser(current, change);
  const errors = await placeIssues(db, admin, next, lang);
  if (errors.length) return { kind: 'invalid', errors };
  await updateUser(db, id, { name: next.name, role: next.role, jurisdictionCode: next.jurisdictionCode, department: next.department });
  await recordChange(db, admin.id, { action: 'userChanged', targetKind: 'user', targetId: id, detail: { name: next.name, role: next.role, jurisdictionCode: next.jurisdictionCode, department: next.department } });
  // A signed-in user carries their role and jurisdiction: read them anew on the next request.
  forgetSignedInUsers();
  return answerWith(db, id);
}

/** A disabled user's token and sessions stop working at once here (see forgetSignedInUsers for other isolates). */
export async function setUserDisabled(db: Database, admin: Manager, id: string, disabled: boolean, now = new Date()): Promise<UserAnswer> {
  if (!(await managedUser(db, admin, id))) return { kind: 'notFound' };
  const refusal = refuseOwnAccount(admin.id, id, { disable: disabled });
  if (refusal) return { kind: 'refused', reason: refusal };
  if (disabled) await disableUser(db, id, now.toISOString());
  else await enableUser(db, id);
  await recordChange(db, admin.id, { action: disabled ? 'userDisabled' : 'userEnabled', targetKind: 'user', targetId: id });
  forgetSignedInUsers();
  return answerWith(db, id);
}

/**
 * A one-time code for a new user or a forgotten password: the old password stops working, the account is unlocked,
 * and every page session of the user ends. Their tokens are not touched (a program is not a person).
 */
export async function issueSignInCode(db: Database, admin: Manager, id: string, now = new Date()): Promise<UserAnswer> {
  if (!(await managedUser(db, admin, id))) return { kind: 'notFound' };
  const { code, oneTimeCodeHash, oneTimeCodeExpiresAt } = await firstSignInCode(now);
  await issueOneTimeCode(db, id, oneTimeCodeHash, oneTimeCodeExpiresAt);
  await recordChange(db, admin.id, { action: 'oneTimeCodeIssued', targetKind: 'user', targetId: id, detail: { expiresAt: oneTimeCodeExpiresAt } });
  const user = await findUserRecord(db, id);
  return user ? { kind: 'codeIssued', user, oneTimeCode: code } : { kind: 'notFound' };
}

/** A locked account signs in again with its password; the count of wrong ones starts over. */
export async function unlockUser(db: Database, admin: Manager, id: string): Promise<UserAnswer> {
  if (!(await managedUser(db, admin, id))) return { kind: 'notFound' };
  await unlockAccount(db, id);
  await recordChange(db, admin.id, { action: 'accountUnlocked', targetKind: 'user', targetId: id });
  return answerWith(db, id);
}
