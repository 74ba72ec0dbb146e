import { durationToMs, type SlaPolicy } from '../../schemas/policy';
import { clockTimeMs, endOfLocalDay, localTimeOfDayMs } from './local-time';

/** A clock as data: when it started, when it warns, when it is due. Workflows wait on it; D1 shows it. */
export interface PlannedClock {
  startedAt: string;
  warnAt: string;
  dueAt: string;
}

function planBetween(start: Date, due: Date, policy: SlaPolicy): PlannedClock {
  const warn = new Date(start.getTime() + Math.round((due.getTime() - start.getTime()) * policy.warnAtShare));
  return { startedAt: start.toISOString(), warnAt: warn.toISOString(), dueAt: due.toISOString() };
}

/** 事不过夜: the first contact with the parties is due by local midnight, or within a set span when filed late. */
export function planFirstContact(policy: SlaPolicy, filedAt: Date): PlannedClock {
  const rule = policy.firstContact;
  if (rule.rule === 'within') return planBetween(filedAt, new Date(filedAt.getTime() + durationToMs(rule.duration)), policy);
  const filedLate = localTimeOfDayMs(filedAt, policy.utcOffset) >= clockTimeMs(rule.lateIntakeAfter);
  const due = filedLate
    ? new Date(filedAt.getTime() + durationToMs(rule.lateIntakeWithin))
    : endOfLocalDay(filedAt, policy.utcOffset);
  return planBetween(filedAt, due, policy);
}
