/**
 * Answers an isolate keeps for a short while, so a hot path does not ask D1 the same question on every request.
 * What changes there reaches this isolate within `ttlMs`.
 */
export class IsolateCache<V> {
  private readonly entries = new Map<string, { value: V; readAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The kept answer for `key`, or `load`'s, kept when `keep` says so. */
  async get(key: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && Date.now() - cached.readAt < this.ttlMs) return cached.value;
    const value = await load();
    if (keep(value)) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { value, readAt: Date.now() });
    }
    return value;
  }

  clear() {
    this.entries.clear();
  }
}
