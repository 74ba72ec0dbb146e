/**
 * A step as histories recorded it before its schema asked for more. A department's report once went without its
 * outcome and counted as done; the validator now refuses one without it, so only a replayed update still lacks it,
 * and it must be applied as it was then.
 */
export function asRecordedThen(rawUpdate: unknown): unknown {
  if (!isRecord(rawUpdate) || rawUpdate.step !== 'record-department-report' || !isRecord(rawUpdate.payload)) return rawUpdate;
  if (rawUpdate.payload.outcome !== undefined) return rawUpdate;
  return { ...rawUpdate, payload: { ...rawUpdate.payload, outcome: 'done' } };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
