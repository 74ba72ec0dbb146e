import type { SlaPolicy } from '../../schemas/policy';
import type { ClockName, RouteName } from '../../schemas/vocabulary';
import { spanEnd } from '../calendar/spans';
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
  if (rule.rule === 'within') due = spanEnd(policy, rule.duration, filedAt).dueAt;
  else {
    const filedLate = localTimeOfDayMs(filedAt, policy.utcOffset) >= clockTimeMs(rule.lateIntakeAfter);
    due = filedLate ? new Date(filedAt.getTime() + durationToMs(rule.lateIntakeWithin)) : endOfLocalDay(filedAt, policy.utcOffset);
  }
  const warn = new Date(filedAt.getTime() + Math.round((due.getTime() - filedAt.getTime()) * policy.warnAtShare));
  return { startedAt: filedAt.toISOString(), warnAt: warn.toISOString(), dueAt: due.toISOString() };
}

/** A clock's allowance, and whether its due time counts a day of a year whose holiday notice is not out yet. */
export interface ClockAllowance {
  budgetMs: number;
  provisional: boolean;
}

type PlanContext = { startedAt: string; route: RouteName; returnVisitIndex: number };

/** The span of the policy that a clock is measured by; undefined for 事不过夜, which has its own rule. */
function spanOf(policy: SlaPolicy, name: ClockName, context: PlanContext): string | undefined {
  switch (name) {
    case 'firstContact':
      return policy.firstContact.rule === 'within' ? policy.firstContact.duration : undefined;
    case 'dispatch':
      return policy.dispatchWithin;
    // A batch may set its own; this is the policy's allowance for one that does not.
    case 'feedback':
      return policy.instructionFeedbackWithin;
    case 'accept':
      return policy.accept;
    case 'followUp':
      return policy.followUpEvery;
    case 'resolve':
      return policy.resolveWithin[context.route];
    case 'escalationAck':
      return policy.acknowledgeEscalationWithin;
    case 'returnVisit': {
      // Every visit's clock starts at the resolution, so visits fall at +7, +30, +90 days however early the last one was.
      const offsets = policy.returnVisitsAfter;
      return offsets[Math.min(context.returnVisitIndex, offsets.length - 1)]!;
    }
  }
}

/** How long each clock may run under a policy: the one place a clock's allowance is decided. */
export function clockAllowance(policy: SlaPolicy, name: ClockName, context: PlanContext): ClockAllowance {
  const start = new Date(context.startedAt);
  const span = spanOf(policy, name, context);
  if (span === undefined) {
    const planned = planFirstContact(policy, start);
    return { budgetMs: Date.parse(planned.dueAt) - Date.parse(planned.startedAt), provisional: false };
  }
  const end = spanEnd(policy, span, start);
  return { budgetMs: end.dueAt.getTime() - start.getTime(), provisional: end.provisional };
}

export const clockBudgetMs = (policy: SlaPolicy, name: ClockName, context: PlanContext): number => clockAllowance(policy, name, context).budgetMs;
