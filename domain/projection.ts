import type { CaseReport } from '../schemas/case-event';
import type { CaseState } from '../schemas/case-state';
import type { CaseEventDraft } from './case-event';
import { isOverdue } from './clocks/case-clocks';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * An event as the edge stores it: the draft, its sequence number, and what D1 shows of the case after it.
 * Copied, so later changes cannot alter a report already on its way. The whole state goes along only once the
 * case has left `open`, as what a repeat would reopen it from.
 */
export function toCaseReport(state: CaseState, draft: CaseEventDraft, seq: number, at: string): CaseReport {
  const { workflowId: _, ...route } = state.route;
  return copy({
    ...draft,
    seq,
    reason: draft.reason ?? null,
    at,
    notify: draft.notify ?? null,
    projection: {
      status: state.status,
      route: state.route.route,
      hardCase: state.hardCase,
      order: state.order,
      assigneeId: state.assignee?.id ?? null,
      escalationLevel: state.escalationLevel,
      riskFlags: state.riskFlags,
      outcome: state.outcome ?? null,
      paused: Boolean(state.paused),
      overdue: isOverdue(state),
      clocks: Object.values(state.clocks).map((clock) => ({
        clock: clock.name,
        startedAt: clock.startedAt,
        dueAt: clock.dueAt,
        warnedAt: clock.warnedAt ?? null,
        breachedAt: clock.breachedAt ?? null,
        stoppedAt: clock.stoppedAt ?? null,
        pausedAt: clock.pausedAt ?? null,
        ...(clock.provisional ? { provisional: true } : {}),
      })),
      progress: {
        triageReasons: state.triageReasons,
        riskFlags: state.riskFlags,
        suggestedFlags: state.suggestedFlags,
        escalations: state.escalations,
        outcome: state.outcome,
        assignee: state.assignee,
        contactedAt: state.contactedAt,
        paused: state.paused,
        pendingExtension: state.pendingExtension,
        routeHistory: state.routeHistory,
        returnVisits: state.returnVisits,
        route,
        repeatReports: state.repeatReports.length,
      },
      resumeState: state.status === 'open' ? undefined : state,
    },
  });
}
