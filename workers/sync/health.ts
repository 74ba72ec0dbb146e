import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** 200 when both D1 and Temporal answer, 503 otherwise, with which one is down. No sign-in needed. */
export const healthRoutes = new Hono<AppEnv>().get('/healthz', async (c) => {
  const { db, gateway } = c.get('services');
  const [d1, temporal] = await Promise.all([
    db
      .run(sql`select 1`)
      .then(() => true)
      .catch(() => false),
    gateway.isReachable(),
  ]);
  const ok = d1 && temporal;
  return c.json({ ok, d1: d1 ? 'up' : 'down', temporal: temporal ? 'up' : 'down' }, ok ? 200 : 503);
});
