import { refusal, type Refusal } from '../schemas/refusal';
import { formatLocal, toInstant } from './clocks/local-time';

/**
 * A session is arranged for a time to come. A few minutes' slack lets a mediator record one about to start, and a
 * phone whose clock runs a little behind, as intake allows for `occurredAt` (workers/intake/file-case.ts).
 */
export const sessionSlackMs = 5 * 60_000;

/** Why a session cannot be set for `at` (the county's local time, as the form sends it) at `now`, if it cannot. */
export function refuseSessionTime(at: string, utcOffset: string, now: string): Refusal | undefined {
  const instant = toInstant(at, utcOffset);
  if (Date.parse(instant) >= Date.parse(now) - sessionSlackMs) return undefined;
  return refusal('sessionInPast', { when: formatLocal(instant, utcOffset) });
}
