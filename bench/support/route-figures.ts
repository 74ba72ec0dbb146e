import { oneDecimal, percentile } from './figures';

/** What one route answered: every answer's latency and status, and the requests that got no answer at all. */
interface RouteAnswers {
  expected: readonly number[];
  latenciesMs: number[];
  statuses: Map<number, number>;
  unanswered: number;
}

const isServerError = (status: number) => status >= 500;
const rateLimited = 429;

/**
 * The answers of a run, by route template (`POST /api/cases/{id}/steps/{step}`): latencies of every answer, and
 * apart from the expected statuses, the server errors, the refusals of the rate limit, and anything else.
 */
export class RouteFigures {
  private readonly routes = new Map<string, RouteAnswers>();
  /** The first few answers nobody expected, for reading after the run. */
  readonly surprises: string[] = [];

  private of(route: string, expected: readonly number[]) {
    let answers = this.routes.get(route);
    if (!answers) this.routes.set(route, (answers = { expected, latenciesMs: [], statuses: new Map(), unanswered: 0 }));
    return answers;
  }

  /** An answer, and the statuses the route answers when all is well (a step not allowed now is 409, say). */
  answered(route: string, expected: readonly number[], status: number, ms: number, body: string) {
    const answers = this.of(route, expected);
    answers.latenciesMs.push(ms);
    answers.statuses.set(status, (answers.statuses.get(status) ?? 0) + 1);
    if (!expected.includes(status) && status !== rateLimited) this.surprise(`${route} → ${status}: ${body.slice(0, 200)}`);
  }

  unanswered(route: string, expected: readonly number[], error: unknown) {
    this.of(route, expected).unanswered++;
    this.surprise(`${route} → no answer: ${String((error as Error)?.message ?? error).slice(0, 200)}`);
  }

  private surprise(text: string) {
    if (this.surprises.length < 5) this.surprises.push(text);
  }

  /** Counts over all routes; `unexpected` leaves out the 5xx and the 429s, which are counted apart. */
  totals() {
    const totals = { answered: 0, serverErrors: 0, rateLimited: 0, unexpected: 0, unanswered: 0 };
    for (const answers of this.routes.values()) {
      totals.unanswered += answers.unanswered;
      for (const [status, count] of answers.statuses) {
        totals.answered += count;
        if (isServerError(status)) totals.serverErrors += count;
        else if (status === rateLimited) totals.rateLimited += count;
        else if (!answers.expected.includes(status)) totals.unexpected += count;
      }
    }
    return totals;
  }

  /** One row a route for `console.table`: latencies of every answer, the statuses as `200×812 409×40`. */
  table() {
    const rows: Record<string, Record<string, number | string>> = {};
    for (const [route, answers] of [...this.routes].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = [...answers.latenciesMs].sort((a, b) => a - b);
      const count = (match: (status: number) => boolean) => [...answers.statuses].reduce((n, [status, c]) => n + (match(status) ? c : 0), 0);
      rows[route] = {
        count: sorted.length + answers.unanswered,
        'p50 ms': oneDecimal(percentile(sorted, 50)),
        'p95 ms': oneDecimal(percentile(sorted, 95)),
        'p99 ms': oneDecimal(percentile(sorted, 99)),
        '5xx': count(isServerError),
        '429s': count((status) => status === rateLimited),
        unexpected: count((status) => !isServerError(status) && status !== rateLimited && !answers.expected.includes(status)),
        statuses: [
          ...[...answers.statuses].sort(([a], [b]) => a - b).map(([status, c]) => `${status}×${c}`),
          ...(answers.unanswered ? [`no answer×${answers.unanswered}`] : []),
        ].join(' '),
      };
    }
    return rows;
  }
}
