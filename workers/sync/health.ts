import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { outboxDepth } from '../../db/queries/outbox';
import type { Health } from '../../schemas/health';
import type { AppEnv } from '../env';

/**
 * Each part as this edge sees it: the database, Temporal, the workers polling the case queue, the outbox's depth.
 * 200 while this edge can take filings and steps (database and Temporal up), 503 otherwise. A queue nobody polls
 * leaves the answer 200 — filings wait in Temporal — but shows `workers: 0` for the monitoring to raise.
 */
export const healthRoutes = new Hono<AppEnv>().get('/healthz', async (c) => {
  const { db, gateway } = c.get('services');
  const [database, workers, outbox] = await Promise.all([
    db
      .run(sql`select 1`)
      .then(() => true)
      .catch(() => false),
    gateway.pollingWorkers(),
    outboxDepth(db).catch(() => null),
  ]);
  const temporal = workers !== null;
  const ok = database && temporal;
  const health: Health = { ok, database: database ? 'up' : 'down', temporal: temporal ? 'up' : 'down', workers, outbox };
  return c.json(health, ok ? 200 : 503);
});
