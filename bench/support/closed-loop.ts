/** One attempt; resolves with an error text for a failure so one bad answer does not stop the run. */
export type Attempt = () => Promise<string | undefined>;

/** How long a loop runs: a number of requests in all, or until a moment on `performance.now()`'s clock. */
export type Budget = { requests: number } | { untilMs: number };

/**
 * Closed loop: `concurrency` callers, each sending its next request as soon as the last one answered, until the
 * budget is spent. Resolves with the milliseconds it took, the last answers included.
 */
export async function runClosedLoop(concurrency: number, budget: Budget, send: () => Promise<void>): Promise<number> {
  let sent = 0;
  const more = 'requests' in budget ? () => sent < budget.requests : () => performance.now() < budget.untilMs;
  const started = performance.now();
  const caller = async () => {
    while (more()) {
      sent++;
      await send();
    }
  };
  const callers = 'requests' in budget ? Math.min(concurrency, budget.requests) : concurrency;
  await Promise.all(Array.from({ length: callers }, caller));
  return performance.now() - started;
}

export interface Tally {
  latenciesMs: number[];
  busyMs: number;
  failures: number;
  firstErrors: Set<string>;
}

export const newTally = (): Tally => ({ latenciesMs: [], busyMs: 0, failures: 0, firstErrors: new Set() });

/** The attempt timed into the tally: a success's latency, or a failure counted with its first few texts. */
export const timedInto = (tally: Tally, attempt: Attempt) => async () => {
  const t0 = performance.now();
  const error = await attempt().catch((e: unknown) => String((e as Error)?.message ?? e));
  const elapsed = performance.now() - t0;
  if (error === undefined) {
    tally.latenciesMs.push(elapsed);
  } else {
    tally.failures++;
    if (tally.firstErrors.size < 3) tally.firstErrors.add(error.slice(0, 200));
  }
};
