import { oneDecimal, percentile } from './figures';

/** `name;dur=12.3;desc="…"` entries of a Server-Timing header, a name seen twice counted once with both times added. */
export function serverTimings(header: string | null): Map<string, number> {
  const parts = new Map<string, number>();
  for (const entry of (header ?? '').split(',')) {
    const [name, ...params] = entry.trim().split(';');
    const duration = params.map((param) => /^\s*dur=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if (name && duration !== undefined) parts.set(name, (parts.get(name) ?? 0) + Number(duration));
  }
  return parts;
}

/**
 * Where an answer's time went, by what the edge names in Server-Timing, beside the time the caller waited. What the
 * edge did not name (its own work between round trips, the proxy in front of it, the wire) is the rest.
 */
export class AnswerBreakdown {
  private readonly byPart = new Map<string, number[]>();
  private readonly waited: number[] = [];
  private readonly unnamed: number[] = [];

  add(header: string | null, waitedMs: number) {
    const parts = serverTimings(header);
    if (!parts.has('total')) return;
    this.waited.push(waitedMs);
    let named = 0;
    for (const [name, ms] of parts) {
      if (!this.byPart.has(name)) this.byPart.set(name, []);
      this.byPart.get(name)!.push(ms);
      if (name !== 'total') named += ms;
    }
    this.unnamed.push(parts.get('total')! - named);
  }

  get count() {
    return this.waited.length;
  }

  /** One row a part: its median and mean over the answers that named it, and in how many it was named. */
  table() {
    const row = (values: readonly number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { answers: values.length, 'p50 ms': oneDecimal(percentile(sorted, 50)), 'mean ms': oneDecimal(values.reduce((a, b) => a + b, 0) / values.length) };
    };
    const rows: Record<string, ReturnType<typeof row>> = {};
    for (const [name, values] of [...this.byPart].filter(([name]) => name !== 'total')) rows[name] = row(values);
    rows['edge, between the parts'] = row(this.unnamed);
    if (this.byPart.has('total')) rows['edge, in all (total)'] = row(this.byPart.get('total')!);
    rows['caller waited'] = row(this.waited);
    return rows;
  }
}
