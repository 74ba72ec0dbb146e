import type { NotifyAudience, Role } from '../schemas/vocabulary';
import { countyCodeOf } from './jurisdiction';
import { supervises } from './permissions';

export interface NotifiedCase {
  assigneeId: string | null;
  /** The station the case belongs to. */
  jurisdictionCode: string;
  jurisdictionPath: string;
}

/**
 * Whom an event is addressed to: the assigned mediator, the station's command room, or the county bureau.
 * A word for a case nobody holds yet goes to the station that must dispatch it.
 */
export function addressee(audience: NotifyAudience, to: NotifiedCase, userId?: string): { audience: NotifyAudience; recipient: string } {
  if (audience === 'assignee' && userId) return { audience, recipient: userId };
  if (audience === 'assignee') return to.assigneeId ? { audience, recipient: to.assigneeId } : { audience: 'station', recipient: to.jurisdictionCode };
  if (audience === 'county') {
    const county = countyCodeOf(to.jurisdictionPath);
    if (county) return { audience, recipient: county };
  }
  return { audience: 'station', recipient: to.jurisdictionCode };
}

/**
 * Everyone an event is addressed to: its addressee, and for a repeat report, which the station must weigh, the
 * mediator holding the case as well, who has the parties' trust and may already have settled it.
 */
export function addresseesOf(type: string, audience: NotifyAudience, to: NotifiedCase, userId?: string) {
  const first = addressee(audience, to, userId);
  const holderToo = type === 'repeat_reported' && to.assigneeId && first.recipient !== to.assigneeId;
  return holderToo ? [first, { audience: 'assignee' as const, recipient: to.assigneeId! }] : [first];
}

/**
 * What a user reads: what is addressed to them by name and, for supervisors, to the jurisdiction they answer for
 * (their station's command room, the county's).
 */
export const inboxesOf = (user: { id: string; role: Role; jurisdictionCode: string }) =>
  supervises(user.role) ? [user.id, user.jurisdictionCode] : [user.id];
