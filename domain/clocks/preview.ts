import type { SlaPolicy } from '../../schemas/policy';
import { routes, type ClockName, type RouteName } from '../../schemas/vocabulary';
import { startClock } from './clock';
import { clockTimeMs, endOfLocalDay } from './local-time';
import { clockBudgetMs } from './plan';

/**
 * One deadline a policy gives a case, as if each of its clocks started the moment it was filed: what an admin weighs
 * before publishing. A clock measured per route or per return visit gives one deadline for each.
 */
export type PreviewedDeadline = { key: string; clock: ClockName; route?: RouteName; visit?: number; warnAt: string; dueAt: string };

const plannedFrom = (policy: SlaPolicy, filedAt: string, clock: ClockName, route: RouteName = 'grassroots', visit = 0) => {
  const budget = clockBudgetMs(policy, clock, { startedAt: filedAt, route, returnVisitIndex: visit });
  const { warnAt, dueAt } = startClock(clock, filedAt, budget, policy.warnAtShare);
  return { warnAt, dueAt };
};

export function previewDeadlines(policy: SlaPolicy, filedAt: string): PreviewedDeadline[] {
  const one = (clock: ClockName): PreviewedDeadline => ({ key: clock, clock, ...plannedFrom(policy, filedAt, clock) });
  return [
    one('firstContact'),
    one('dispatch'),
    one('accept'),
    one('followUp'),
    ...routes.map((route) => ({ key: `resolve.${route}`, clock: 'resolve' as const, route, ...plannedFrom(policy, filedAt, 'resolve', route) })),
    one('escalationAck'),
    ...policy.returnVisitsAfter.map((_, visit) => ({ key: `returnVisit.${visit}`, clock: 'returnVisit' as const, visit, ...plannedFrom(policy, filedAt, 'returnVisit', 'grassroots', visit) })),
    one('feedback'),
  ];
}

/** 22:00 of the local day an instant falls on: a case filed late in the evening, when 事不过夜 is hardest to keep. */
export const lateEveningOf = (instant: Date, utcOffset: string): Date =>
  new Date(endOfLocalDay(instant, utcOffset).getTime() - 86_400_000 + clockTimeMs('22:00'));
