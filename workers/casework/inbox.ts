import type { Database } from '../../db/client';
import { instructionRemindersFor, instructionsPastWarningOf, noticesWithEvents, notificationsFor } from '../../db/queries/notifications';
import { namesOfUsers } from '../../db/queries/case-states';
import type { SignedInUser } from '../../db/queries/users';
import { inboxesOf } from '../../domain/notifications';

const inboxSize = 100;

/**
 * What a user reads, newest first: the notifications of cases addressed to them or their jurisdiction, and a
 * reminder for each of their verification instructions past its warning point without feedback. A reminder is
 * never marked read: answering the instruction is what ends it.
 */
export async function readInbox(db: Database, user: SignedInUser, unreadOnly: boolean) {
  const [caseNotifications, reminders] = await Promise.all([
    notificationsFor(db, inboxesOf(user), unreadOnly, inboxSize),
    instructionRemindersFor(db, user.id, inboxSize),
  ]);
  const instructionNotes = reminders.map((reminder) => ({ kind: 'instruction_warning' as const, audience: 'assignee' as const, ...reminder, readAt: null }));
  return [...caseNotifications, ...instructionNotes].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, inboxSize);
}

/**
 * The inbox page: the user's verification instructions near or past their deadline on top, the most overdue first,
 * since answering them is what ends them; then the notifications of cases, newest first.
 */
export async function readInboxPage(db: Database, user: SignedInUser) {
  const [notices, instructions] = await Promise.all([noticesWithEvents(db, inboxesOf(user), inboxSize), instructionsPastWarningOf(db, user.id, inboxSize)]);
  // Who did it, and whom a dispatch named: one read for every name the notices show.
  const people = new Set(notices.flatMap((notice) => [notice.actor, typeof notice.detail?.mediatorId === 'string' ? notice.detail.mediatorId : undefined]));
  const names = await namesOfUsers(db, [...people].filter((id): id is string => !!id && id !== 'system'));
  return { notices, instructions, names };
}
