import type { CaseState } from '../../schemas/case-state';
import type { SlaPolicy } from '../../schemas/policy';
import type { CaseEventDraft } from '../case-event';
import { escalateToCounty, raiseEscalation, settleEscalation } from '../escalation';
import { startCaseClock, stopCaseClock } from './case-clocks';
import { dueEvents, replanClock, type ClockEvent } from './clock';
import { clockAllowance } from './plan';

/**
 * The clock events due now, each applied to the state with what it sets off: a reminder, an escalation up the
 * jurisdiction tree, a re-dispatch. Pure, like the rest of the case's rules.
 */
export function takeDueClockEvents(state: CaseState, now: string): CaseEventDraft[] {
  const events = dueEvents(Object.values(state.clocks), Date.parse(now)).flatMap((event) => onClockEvent(state, event, now));
  return events.length ? [...events, ...settleEscalation(state)] : events;
}

function onClockEvent(state: CaseState, { clock, kind }: ClockEvent, now: string): CaseEventDraft[] {
  const detail = { clock: clock.name, dueAt: clock.dueAt };
  if (kind === 'warning') {
    clock.warnedAt = now;
    return [{ type: 'clock_warning', actor: 'system', detail, notify: 'assignee' }];
  }
  clock.breachedAt = now;
  const events: CaseEventDraft[] = [{ type: 'clock_breached', actor: 'system', detail, notify: 'assignee' }];
  if (clock.name === 'returnVisit') return events;
  if (clock.name === 'escalationAck') return [...events, ...escalateToCounty(state, now)];
  if (clock.name === 'accept') {
    // Nobody took the order in time: it goes back to the supervisor, whose dispatch clock starts now.
    delete state.assignee;
    state.order = 'awaiting_dispatch';
    stopCaseClock(state, 'accept', now);
    startCaseClock(state, 'dispatch', now);
    events.push({ type: 'redispatch_needed', actor: 'system', detail: {}, notify: 'station' });
  }
  return [...events, ...raiseEscalation(state, { clock: clock.name }, now)];
}

/** A new policy re-plans every clock still running; elapsed and paused time are kept. */
export function replanClocks(state: CaseState, policy: SlaPolicy): CaseEventDraft[] {
  state.policy = policy;
  for (const clock of Object.values(state.clocks)) {
    if (clock.stoppedAt) continue;
    const allowance = clockAllowance(policy, clock.name, {
      startedAt: clock.startedAt,
      route: state.route.route,
      returnVisitIndex: state.returnVisits.length,
    });
    replanClock(clock, allowance.budgetMs, policy.warnAtShare);
    if (allowance.provisional) clock.provisional = true;
    else delete clock.provisional;
  }
  return [{ type: 'policy_changed', actor: 'system', detail: { version: policy.version } }];
}
