import type { Database } from '../../db/client';
import { findUserById, listPeopleWithin, type SignedInUser } from '../../db/queries/users';
import { canSee, visiblePathOf } from '../../domain/jurisdiction';
import type { Role } from '../../schemas/vocabulary';

/** Who verification instructions go to by name: the people who knock on doors. */
export const instructionRecipients = ['grid_worker', 'mediator'] as const satisfies readonly Role[];

/** The people a supervisor may name in a batch sheet: the recipients of their jurisdiction and below, by place, then name. */
export const assigneeDirectory = (db: Database, user: SignedInUser) => listPeopleWithin(db, visiblePathOf(user), instructionRecipients);
export type DirectoryEntry = Awaited<ReturnType<typeof assigneeDirectory>>[number];

/** Who a line names, as the sheet gives it. */
export interface NamedAssignee {
  assigneeId?: string;
  assignee?: string;
  assigneePlace?: string;
}

/** Why a line's assignee cannot be found; each is an `error.<code>` with the values the sheet gave. */
export type AssigneeRefusal =
  | { code: 'assigneeMissing'; field: 'assignee' }
  | { code: 'assigneeUnknown'; field: 'assigneeId' }
  | { code: 'assigneeNameUnknown'; field: 'assignee'; params: { name: string } }
  | { code: 'assigneeNotInPlace'; field: 'assigneePlace'; params: { name: string; place: string } }
  | { code: 'assigneeAmbiguous'; field: 'assignee'; params: { name: string; places: string } };

const same = (a: string, b: string) => a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();

/**
 * Finds each line's assignee. By ID the rule is the API's from before names: any active user within the dispatcher's
 * jurisdiction. By name, among the directory's people; a place (its name or code) tells two people of one name
 * apart, and a name shared with no place given is refused rather than guessed.
 */
export async function assigneeFinder(db: Database, user: SignedInUser) {
  const directory = await assigneeDirectory(db, user);
  const byId = new Map<string, { id: string; name: string; jurisdictionName?: string } | undefined>(directory.map((person) => [person.id, person]));
  return async (given: NamedAssignee): Promise<{ id: string; name: string; jurisdictionName?: string } | AssigneeRefusal> => {
    if (given.assigneeId) {
      if (!byId.has(given.assigneeId)) {
        const found = await findUserById(db, given.assigneeId);
        byId.set(given.assigneeId, found && canSee(user, found.jurisdictionPath) ? found : undefined);
      }
      return byId.get(given.assigneeId) ?? { code: 'assigneeUnknown', field: 'assigneeId' };
    }
    const name = given.assignee;
    if (!name) return { code: 'assigneeMissing', field: 'assignee' };
    const named = directory.filter((person) => same(person.name, name));
    if (!named.length) return { code: 'assigneeNameUnknown', field: 'assignee', params: { name } };
    const place = given.assigneePlace;
    const there = place ? named.filter((person) => same(person.jurisdictionName, place) || same(person.jurisdictionCode, place)) : named;
    if (place && !there.length) return { code: 'assigneeNotInPlace', field: 'assigneePlace', params: { name, place } };
    if (there.length > 1) return { code: 'assigneeAmbiguous', field: 'assignee', params: { name, places: there.map((person) => person.jurisdictionName).join(' / ') } };
    return there[0]!;
  };
}
