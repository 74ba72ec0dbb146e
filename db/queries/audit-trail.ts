import { and, desc, eq, gte, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { ChangeAction, SignInResult } from '../../schemas/audit';
import type { Database } from '../client';
import { adminChanges, jurisdictions, signInEvents, users } from '../schema';
import { pathWithin } from './jurisdictions';

export const insertSignInEvent = (db: Database, event: Omit<typeof signInEvents.$inferInsert, 'id'>) => db.insert(signInEvents).values(event);

export const insertAdminChange = (db: Database, change: Omit<typeof adminChanges.$inferInsert, 'id'>) => db.insert(adminChanges).values(change);

/** The account a name as typed belongs to, disabled or not: a disabled account tried at is still someone's. */
export async function accountIdForLogin(db: Database, login: string) {
  const [found] = await db
    .select({ id: users.id })
    .from(users)
    .where(/^1\d{10}$/.test(login) ? eq(users.phone, login) : eq(users.id, login));
  return found?.id;
}

/** What an audit list is asked for: where (a path), when (instants, `to` excluded), whose, from before which row. */
export interface AuditWindow {
  path: string;
  from?: string;
  to?: string;
  user?: string;
  beforeId?: number;
  limit: number;
}

const within = (at: typeof signInEvents.at | typeof adminChanges.at, id: typeof signInEvents.id | typeof adminChanges.id, window: AuditWindow) => [
  window.from ? gte(at, window.from) : undefined,
  window.to ? lt(at, window.to) : undefined,
  window.beforeId === undefined ? undefined : lt(id, window.beforeId),
];

/**
 * Sign-in tries of the people at or below a path, newest first. A try at a name nobody has belongs to no place: it
 * is shown only when `withUnknown` (to the county's own admin). The user filter matches the account or the name typed.
 */
export const signInEventsWithin = (db: Database, window: AuditWindow & { outcome?: SignInResult; withUnknown: boolean }) => {
  const placed: SQL | undefined = pathWithin(jurisdictions.path, window.path);
  return db
    .select({
      id: signInEvents.id,
      at: signInEvents.at,
      userId: signInEvents.userId,
      userName: users.name,
      login: signInEvents.login,
      way: signInEvents.way,
      outcome: signInEvents.outcome,
      address: signInEvents.address,
    })
    .from(signInEvents)
    .leftJoin(users, eq(signInEvents.userId, users.id))
    .leftJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code))
    .where(
      and(
        window.withUnknown ? or(placed, isNull(signInEvents.userId)) : placed,
        window.user ? or(eq(signInEvents.userId, window.user), eq(signInEvents.login, window.user)) : undefined,
        window.outcome ? eq(signInEvents.outcome, window.outcome) : undefined,
        ...within(signInEvents.at, signInEvents.id, window),
      ),
    )
    .orderBy(desc(signInEvents.id))
    .limit(window.limit);
};

/** Changes made by the people at or below a path (an admin oversees the admins below them), newest first. */
export const adminChangesWithin = (db: Database, window: AuditWindow & { action?: ChangeAction }) =>
  db
    .select({
      id: adminChanges.id,
      at: adminChanges.at,
      doneBy: adminChanges.doneBy,
      doneByName: users.name,
      action: adminChanges.action,
      targetKind: adminChanges.targetKind,
      targetId: adminChanges.targetId,
      detail: adminChanges.detail,
    })
    .from(adminChanges)
    .innerJoin(users, eq(adminChanges.doneBy, users.id))
    .innerJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code))
    .where(
      and(
        pathWithin(jurisdictions.path, window.path),
        window.user ? eq(adminChanges.doneBy, window.user) : undefined,
        window.action ? eq(adminChanges.action, window.action) : undefined,
        ...within(adminChanges.at, adminChanges.id, window),
      ),
    )
    .orderBy(desc(adminChanges.id))
    .limit(window.limit);

/**
 * Records a change right after it was written (none of the writes it follows takes other statements into its batch).
 * The change is done by then: a record that fails is logged, and the change is still answered as done.
 */
export async function recordChange(
  db: Database,
  doneBy: string,
  change: Pick<typeof adminChanges.$inferInsert, 'action' | 'targetKind' | 'targetId'> & { detail?: typeof adminChanges.$inferInsert.detail },
) {
  try {
    await insertAdminChange(db, { at: new Date().toISOString(), doneBy, detail: {}, ...change });
  } catch (error) {
    console.error(`audit: ${change.action} of ${change.targetKind} ${change.targetId} by ${doneBy} was not recorded`, error);
  }
}
