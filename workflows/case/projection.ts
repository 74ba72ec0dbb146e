import type { CaseEvent } from '../../schemas/case';
import type { CaseEventDraft } from './lifecycle';
import { isOverdue } from './case-clocks';
import type { CaseState } from './names';

/** An event as the edge stores it: the draft, its sequence number, and the case as it stands after it. */
/** The state is copied: later changes must not alter an event already queued for the edge. */
export function toCaseEvent(state: CaseState, draft: CaseEventDraft, seq: number, at: string): CaseEvent {
  return {
    seq,
    type: draft.type,
    actor: draft.actor,
    reason: draft.reason ?? null,
    detail: draft.detail,
    at,
    notify: draft.notify ?? null,
    projection: {
      status: state.status,
      route: state.route.route,
      hardCase: state.hardCase,
      order: state.order,
      assigneeId: state.assignee?.id ?? null,
      escalationLevel: state.escalationLevel,
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
      })),
      state: JSON.parse(JSON.stringify(state)) as Record<string, unknown>,
    },
  };
}
