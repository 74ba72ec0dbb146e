import type { Intake } from '../schemas/intake';
import { toInstant } from './clocks/local-time';

/**
 * The intake with every time it names as an instant with its offset. A form sends the county's local time
 * ("2026-12-01T08:10"); what is stored and answered is the instant, so no reader has to guess the offset.
 */
export function intakeInInstants<I extends Intake>(intake: I, utcOffset: string): I {
  const source: Record<string, unknown> = { ...intake.source };
  for (const key of ['seenAt', 'visitedAt']) if (typeof source[key] === 'string') source[key] = toInstant(source[key] as string, utcOffset);
  return { ...intake, ...(intake.occurredAt ? { occurredAt: toInstant(intake.occurredAt, utcOffset) } : {}), source } as I;
}
