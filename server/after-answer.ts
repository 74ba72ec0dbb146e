/**
 * Work after the answer on a county's servers: what `executionCtx.waitUntil` is on workerd. Node keeps running after
 * the answer anyway; this keeps count, so a process told to stop finishes what it promised before it exits.
 */
export class AfterAnswer {
  private readonly pending = new Set<Promise<unknown>>();

  /** The request's execution context, as Hono hands it to the app. */
  contextForRequest(): ExecutionContext {
    return {
      waitUntil: (work: Promise<unknown>) => {
        const tracked = work.catch((error) => console.error('after the answer:', error)).finally(() => this.pending.delete(tracked));
        this.pending.add(tracked);
      },
      passThroughOnException: () => {},
      props: {},
    } as unknown as ExecutionContext;
  }

  /** Waits for the work under way, at most `timeoutMs`. */
  async settle(timeoutMs: number) {
    const deadline = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([Promise.allSettled([...this.pending]), deadline]);
  }
}
