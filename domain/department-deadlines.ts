import * as v from 'valibot';
import type { RouteState } from '../schemas/case-state';
import type { SlaPolicy } from '../schemas/policy';
import { stepPayloadSchemas } from '../schemas/steps';
import type { Department } from '../schemas/vocabulary';
import { spanEnd, type Timing } from './calendar/spans';
import type { TimelineFact } from './case-event';
import { readClock, type ClockReading } from './clocks/clock-reading';
import { durationToMs } from './policy';
import { isTerminal } from './routes';

/**
 * A named department's part in a joint route: while it runs, when it began, warns and falls due; once the department
 * answered (done, or refused as not its matter), when it did.
 */
export type DepartmentDeadline =
  | { kind: 'running'; startedAt: string; warnAt: string; dueAt: string }
  | { kind: 'answered'; answeredAt: string };

/**
 * Where a department's deadline stands once it asks for more time: on from the deadline, or from the ask when the
 * deadline has passed already. The route's workflow moves it so, and the pages read it so.
 */
export const deadlineAfterMoreTime = (dueAt: number, askedAt: number, moreTimeMs: number) => Math.max(dueAt, askedAt) + moreTimeMs;

// Only what decides the deadline is read: the rest of a step's detail is shown elsewhere, and may be masked for its reader.
const named = v.pick(stepPayloadSchemas.assign, ['departments']);
const report = v.pick(stepPayloadSchemas['record-department-report'].pipe[0], ['department', 'outcome', 'moreTime']);

/**
 * Each named department's deadline on the case's current route, worked out from its timeline the way the route's
 * workflow keeps it (workflows/routes/workflows.ts, `departmentTask`): it begins when an assign step first names the
 * department, falls due `departmentReportWithin` later (a span, counted as the policy counts it), and a report asking for more time moves it to
 * max(deadline, the report's time) + the time asked. A department that answered has none running; on a route that is
 * over, neither has a department that never answered. Warned like a clock, at the policy's share of its whole span.
 */
export function departmentDeadlines(
  events: readonly TimelineFact[],
  route: Pick<RouteState, 'startedAt' | 'stage'>,
  policy: Pick<SlaPolicy, 'departmentReportWithin' | 'warnAtShare'> & Timing,
): Map<Department, DepartmentDeadline> {
  // In working days the allowance's length depends on the day it starts, as the route's workflow counts it.
  const dueFrom = (start: number) => spanEnd(policy, policy.departmentReportWithin, new Date(start)).dueAt.getTime();
  const since = Date.parse(route.startedAt);
  const parts = new Map<Department, { startedAt: number; dueAt: number; answeredAt?: string }>();
  for (const event of events) {
    const at = Date.parse(event.at);
    // Departments named on a route the case left have nothing to do with this one.
    if (at < since) continue;
    if (event.type === 'step:assign') {
      const assigned = v.safeParse(named, event.detail);
      for (const department of assigned.success ? (assigned.output.departments ?? []) : []) {
        if (!parts.has(department)) parts.set(department, { startedAt: at, dueAt: dueFrom(at) });
      }
    } else if (event.type === 'step:record-department-report') {
      const reported = v.safeParse(report, event.detail);
      const part = reported.success ? parts.get(reported.output.department) : undefined;
      if (!reported.success || !part || part.answeredAt) continue;
      const { outcome, moreTime } = reported.output;
      if (outcome === 'more_time' && moreTime) part.dueAt = deadlineAfterMoreTime(part.dueAt, at, durationToMs(moreTime));
      else part.answeredAt = event.at;
    }
  }
  const over = isTerminal(route);
  const iso = (ms: number) => new Date(ms).toISOString();
  const deadlines = new Map<Department, DepartmentDeadline>();
  for (const [department, { startedAt, dueAt, answeredAt }] of parts) {
    if (answeredAt) deadlines.set(department, { kind: 'answered', answeredAt });
    else if (!over) {
      const warnAt = startedAt + Math.round((dueAt - startedAt) * policy.warnAtShare);
      deadlines.set(department, { kind: 'running', startedAt: iso(startedAt), warnAt: iso(warnAt), dueAt: iso(dueAt) });
    }
  }
  return deadlines;
}

/** A running deadline read at a moment as a clock is read: near from its warning time, late from its due time. */
export function readDepartmentDeadline(deadline: Extract<DepartmentDeadline, { kind: 'running' }>, now: number): ClockReading {
  return readClock({ dueAt: deadline.dueAt, reported: Date.parse(deadline.warnAt) <= now ? 'warning' : 'running', paused: false }, now);
}
