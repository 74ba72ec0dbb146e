import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { signatureHeader, verifyRequest } from '../../schemas/internal-signature';

/** /internal/* answers only the workflow worker, which signs each call with the shared secret. */
export const requireInternalSignature = createMiddleware<AppEnv>(async (c, next) => {
  const secret = c.env.INTERNAL_SECRET;
  if (!secret) return c.json({ error: 'misconfigured', message: 'INTERNAL_SECRET is not set on this deployment.' }, 503);
  const body = await c.req.raw.clone().text();
  const path = new URL(c.req.url).pathname;
  if (!(await verifyRequest(secret, c.req.header(signatureHeader), c.req.method, path, body))) {
    return c.json({ error: 'unauthenticated', message: 'Missing, stale or wrong signature.' }, 401);
  }
  await next();
});
