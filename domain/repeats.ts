import type { CaseState, RepeatReport } from '../schemas/case-state';
import type { CaseEventDraft } from './case-event';
import { startCaseClock, stopCaseClock } from './clocks/case-clocks';
import { resumeClock } from './clocks/clock';
import { newRoute } from './routes';

/** A later intake within this long of the earlier case, at the same station, is the same dispute coming back. */
export const repeatWindowMs = 365 * 86_400_000;

/** A later intake about the same dispute: it makes the case hard and, if it was settled, opens it again. */
export function addRepeatReport(state: CaseState, report: RepeatReport, now: string): CaseEventDraft[] {
  // Delivery is at least once (outbox, cron); the same report twice is one report.
  if (state.repeatReports.some((earlier) => earlier.id === report.id)) return [];
  state.repeatReports.push(report);
  const events: CaseEventDraft[] = [{ type: 'repeat_reported', actor: 'system', detail: { ...report }, notify: 'station' }];
  if (!state.hardCase) {
    state.hardCase = true;
    events.push({ type: 'hard_case', actor: 'system', reason: 'repeat dispute', detail: {} });
  }
  if (state.status !== 'open') {
    state.status = 'open';
    // A new round of work: its own return visits later, and no pause left over from before.
    state.returnVisits = [];
    if (state.paused) {
      delete state.paused;
      Object.values(state.clocks).forEach((clock) => resumeClock(clock, now, state.policy.warnAtShare));
    }
    state.order = state.assignee ? 'dispatched' : 'awaiting_dispatch';
    delete state.outcome;
    stopCaseClock(state, 'returnVisit', now);
    state.route = newRoute(state.caseId, state.route.route, state.route.index + 1, now);
    startCaseClock(state, 'resolve', now);
    if (state.assignee) startCaseClock(state, 'accept', now);
    events.push({ type: 'reopened', actor: 'system', detail: { route: state.route.route } });
  }
  return events;
}

