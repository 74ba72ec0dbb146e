import type { SlaPolicy } from '../../schemas/policy';
import type { ClockName, RouteName } from '../../schemas/vocabulary';
import { spanMs } from '../calendar/spans';
import { durationToMs } from '../policy';
import { clockTimeMs, endOfLocalDay, localTimeOfDayMs } from './local-time';

/** When a clock is due, as planned from the policy. */
export interface PlannedClock {
  startedAt: string;
  warnAt: string;
  dueAt: string;
}

/** 事不过夜: the first contact with the parties is due by local midnight, or within a set span when filed late. */
export function planFirstContact(policy: SlaPolicy, filedAt: Date): PlannedClock {
  const rule = policy.firstContact;
  let due: Date;
  if (rule.rule === 'within') due = new Date(filedAt.getTime() + durationToMs(rule.duration));
  else {
    const filedLate = localTimeOfDayMs(filedAt, policy.utcOffset) >= clockTimeMs(rule.lateIntakeAfter);
    due = filedLate ? new Date(filedAt.getTime() + durationToMs(rule.lateIntakeWithin)) : endOfLocalDay(filedAt, policy.utcOffset);
  }
  const warn = new Date(filedAt.getTime() + Math.round((due.getTime() - filedAt.getTime()) * policy.warnAtShare));
  return { startedAt: filedAt.toISOString(), warnAt: warn.toISOString(), dueAt: due.toISOString() };
}

/** How long each clock may run under a policy: the one place a clock's allowance is decided. */
export function clockBudgetMs(
  policy: SlaPolicy,
  name: ClockName,
  context: { startedAt: string; route: RouteName; returnVisitIndex: number },
): number {
  const span = (value: string) => spanMs(policy, value, new Date(context.startedAt));
  switch (name) {
    case 'firstContact': {
      const planned = planFirstContact(policy, new Date(context.startedAt));
      return Date.parse(planned.dueAt) - Date.parse(planned.startedAt);
    }
    case 'dispatch':
      return span(policy.dispatchWithin);
    // A batch may set its own; this is the policy's allowance for one that does not.
    case 'feedback':
      return durationToMs(policy.instructionFeedbackWithin);
    case 'accept':
      return span(policy.accept);
    case 'followUp':
      return span(policy.followUpEvery);
    case 'resolve':
      return span(policy.resolveWithin[context.route]);
    case 'escalationAck':
      return span(policy.acknowledgeEscalationWithin);
    case 'returnVisit': {
      // Every visit's clock starts at the resolution, so visits fall at +7, +30, +90 days however early the last one was.
      const offsets = policy.returnVisitsAfter;
      return span(offsets[Math.min(context.returnVisitIndex, offsets.length - 1)]!);
    }
  }
}
