import type { Database } from '../../db/client';
import { instructionsToAnswerSoonOf, noticesWithEvents, notificationsFor } from '../../db/queries/notifications';
import { namesOfUsers } from '../../db/queries/case-states';
import type { SignedInUser } from '../../db/queries/users';
import { feedbackClockOf } from '../../domain/batch-clocks';
import { readListedClock } from '../../domain/clocks/clock-reading';
import { inboxesOf } from '../../domain/notifications';

const inboxSize = 100;

type ToAnswer = Awaited<ReturnType<typeof instructionsToAnswerSoonOf>>[number];

/** Overdue as the pages read it: reported so by the batch's workflow, or past its due time before the report comes. */
const isOverdue = ({ instruction }: ToAnswer, now: Date) => {
  const clock = feedbackClockOf(instruction);
  return !!clock && readListedClock(clock, false, now.getTime()).state === 'breached';
};

/** A reminder of one instruction: overdue since its due time, or near it since its batch's warning. */
function reminderOf(row: ToAnswer, now: Date) {
  const { instruction, subject, warnedAt } = row;
  const overdue = isOverdue(row, now);
  return {
    kind: overdue ? ('instruction_overdue' as const) : ('instruction_warning' as const),
    audience: 'assignee' as const,
    instructionId: instruction.id,
    batchId: instruction.batchId,
    line: instruction.line,
    dueAt: instruction.dueAt,
    subject,
    createdAt: overdue ? (instruction.overdueAt ?? instruction.dueAt) : warnedAt,
    readAt: null,
  };
}

/**
 * What a user reads: first a reminder for each of their verification instructions overdue or past its warning point
 * without feedback, the most overdue first, as the inbox page shows them; then the notifications of cases addressed
 * to them or their jurisdiction, newest first. A reminder is never marked read: answering the instruction ends it.
 */
export async function readInbox(db: Database, user: SignedInUser, unreadOnly: boolean, now = new Date()) {
  const [caseNotifications, toAnswer] = await Promise.all([notificationsFor(db, inboxesOf(user), unreadOnly, inboxSize), instructionsToAnswerSoonOf(db, user.id, now, inboxSize)]);
  return [...toAnswer.map((row) => reminderOf(row, now)), ...caseNotifications].slice(0, inboxSize);
}

/**
 * The inbox page: the user's verification instructions near or past their deadline on top, the most overdue first,
 * since answering them is what ends them; then the notifications of cases, newest first.
 */
export async function readInboxPage(db: Database, user: SignedInUser, now: Date) {
  const [notices, instructions] = await Promise.all([noticesWithEvents(db, inboxesOf(user), inboxSize), instructionsToAnswerSoonOf(db, user.id, now, inboxSize)]);
  // Who did it, and whom a dispatch named: one read for every name the notices show.
  const people = new Set(notices.flatMap((notice) => [notice.actor, typeof notice.detail?.mediatorId === 'string' ? notice.detail.mediatorId : undefined]));
  const names = await namesOfUsers(db, [...people].filter((id): id is string => !!id && id !== 'system'));
  return { notices, instructions, names };
}
