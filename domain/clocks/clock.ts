import type { Clock } from '../../schemas/case-state';
import type { ClockName } from '../../schemas/vocabulary';

/**
 * A clock is data (schemas/case-state.ts): due and warning instants are derived from its start, allowance,
 * paused and extended time, so pausing, extending and re-planning under a new policy are arithmetic, not a hunt
 * for timers. Pure: the workflow and the tests share it.
 */
export type { Clock };

export type ClockEvent = { clock: Clock; kind: 'warning' | 'breach' };

const ms = (instant: string) => Date.parse(instant);
const iso = (epochMs: number) => new Date(epochMs).toISOString();

function derive(clock: Clock, warnAtShare: number): Clock {
  const allowed = clock.budgetMs + clock.extendedMs;
  const origin = ms(clock.startedAt) + clock.pausedMs;
  clock.dueAt = iso(origin + allowed);
  clock.warnAt = iso(origin + Math.round(allowed * warnAtShare));
  return clock;
}

export function startClock(name: ClockName, at: string, budgetMs: number, warnAtShare: number): Clock {
  return derive({ name, startedAt: at, budgetMs, extendedMs: 0, pausedMs: 0, warnAt: at, dueAt: at }, warnAtShare);
}

export const isRunning = (clock: Clock) => !clock.stoppedAt && !clock.pausedAt;

export function stopClock(clock: Clock, at: string) {
  clock.stoppedAt ??= at;
}

export function pauseClock(clock: Clock, at: string) {
  if (isRunning(clock)) clock.pausedAt = at;
}

/** Time spent paused is added to the clock, so its due time moves on by exactly the pause. */
export function resumeClock(clock: Clock, at: string, warnAtShare: number) {
  if (!clock.pausedAt || clock.stoppedAt) return;
  clock.pausedMs += Math.max(0, ms(at) - ms(clock.pausedAt));
  delete clock.pausedAt;
  derive(clock, warnAtShare);
}

/** A warning or breach whose instant moved into the future has not happened yet: it may come again. */
function forgetMovedEvents(clock: Clock) {
  if (clock.breachedAt && ms(clock.dueAt) > ms(clock.breachedAt)) delete clock.breachedAt;
  if (clock.warnedAt && ms(clock.warnAt) > ms(clock.warnedAt)) delete clock.warnedAt;
}

/** A stopped clock stays as it stopped: an extension granted late changes nothing it recorded. */
export function extendClock(clock: Clock, byMs: number, warnAtShare: number) {
  if (clock.stoppedAt) return;
  clock.extendedMs += byMs;
  forgetMovedEvents(derive(clock, warnAtShare));
}

/** A new policy keeps the clock's start, elapsed and paused time, and measures them against the new allowance. */
export function replanClock(clock: Clock, budgetMs: number, warnAtShare: number) {
  clock.budgetMs = budgetMs;
  forgetMovedEvents(derive(clock, warnAtShare));
}

/** The warnings and breaches that are due at `now`, in time order. */
export function dueEvents(clocks: Iterable<Clock>, now: number): ClockEvent[] {
  const events: (ClockEvent & { at: number })[] = [];
  for (const clock of clocks) {
    if (!isRunning(clock)) continue;
    if (!clock.warnedAt && !clock.breachedAt && ms(clock.warnAt) <= now) events.push({ clock, kind: 'warning', at: ms(clock.warnAt) });
    if (!clock.breachedAt && ms(clock.dueAt) <= now) events.push({ clock, kind: 'breach', at: ms(clock.dueAt) });
  }
  return events.sort((a, b) => a.at - b.at).map(({ clock, kind }) => ({ clock, kind }));
}

/** Milliseconds until the next warning or breach of any running clock; undefined when none is pending. */
export function msUntilNextEvent(clocks: Iterable<Clock>, now: number): number | undefined {
  let next: number | undefined;
  for (const clock of clocks) {
    if (!isRunning(clock) || clock.breachedAt) continue;
    const at = clock.warnedAt ? ms(clock.dueAt) : ms(clock.warnAt);
    next = next === undefined ? at : Math.min(next, at);
  }
  return next === undefined ? undefined : Math.max(1, next - now);
}
