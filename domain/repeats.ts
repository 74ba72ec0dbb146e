import type { CaseState, RepeatReport } from '../schemas/case-state';
import type { CaseEventDraft } from './case-event';
import { reopenCase } from './case-endings';

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
  for (const flag of report.riskFlags) if (!state.riskFlags.includes(flag)) state.riskFlags.push(flag);
  if (state.status !== 'open') events.push(...reopenCase(state, 'repeat', now));
  return events;
}

