import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/client';
import { outboxDepth } from '../db/queries/outbox';
import type { AppEnv } from '../workers/env';
import { logger, requestScope } from './request-log';

/** The route a request matched, as written in the app (`/api/cases/:id`), so the labels stay few. */
function routeOf(c: Parameters<MiddlewareHandler<AppEnv>>[0]) {
  const handler = matchedRoutes(c).findLast((route) => route.method !== 'ALL');
  return handler ? handler.path : 'unmatched';
}

/** What Prometheus reads at /metrics: each edge process's requests, and the outbox as the database holds it. */
export function edgeMetrics(db: Database) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fengqiao_edge_' });
  const requests = new Counter({ name: 'fengqiao_http_requests_total', help: 'Answers by route and status.', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'fengqiao_http_request_duration_seconds',
    help: 'Time to answer, by route.',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const rateLimited = new Counter({ name: 'fengqiao_rate_limited_total', help: 'Requests refused with 429 by the caller limit or the sign-in back-off.', registers: [registry] });
  const depth = async () => outboxDepth(db).catch(() => ({ pending: Number.NaN, dead: Number.NaN }));
  new Gauge({
    name: 'fengqiao_outbox_pending',
    help: 'Starts and reports not yet delivered to Temporal.',
    registers: [registry],
    async collect() {
      this.set((await depth()).pending);
    },
  });
  new Gauge({
    name: 'fengqiao_dead_letters',
    help: 'Outbox rows given up on, waiting for an admin to send them again.',
    registers: [registry],
    async collect() {
      this.set((await depth()).dead);
    },
  });

  /** Logs each answer as a JSON line with its request ID, and counts it. */
  const observe: MiddlewareHandler<AppEnv> = async (c, next) => {
    const given = c.req.header('x-request-id');
    // nginx's $request_id, or a caller's own if it is a plain token; anything else is replaced, never logged as sent.
    const requestId = given && /^[\w.:-]{1,128}$/.test(given) ? given : crypto.randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await requestScope.run({ requestId }, next);
    const seconds = (performance.now() - started) / 1000;
    const route = routeOf(c);
    const status = c.res.status;
    c.header('x-request-id', requestId);
    requests.inc({ method: c.req.method, route, status });
    latency.observe({ method: c.req.method, route }, seconds);
    if (status === 429) rateLimited.inc();
    logger.info({ requestId, method: c.req.method, route, path: c.req.path, status, ms: Math.round(seconds * 1000) }, 'answered');
  };

  return { registry, observe };
}
