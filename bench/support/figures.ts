/** The value at or below which p % of the sorted values lie (nearest rank); NaN for none. */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** A flag's value as a whole number of at least 1, or a message naming the flag. */
export function positiveInt(raw: string, name: string) {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}
