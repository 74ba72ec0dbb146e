import { createMiddleware } from 'hono/factory';
import { wrapTime } from 'hono/timing';
import type { AppEnv } from '../env';
import type { EdgePlatform } from '../runtime/platform';
import { refusalBackoffFrom } from '../sync/outbox-delivery';
import { HttpWorkflowGateway } from '../sync/gateway';

/** Hands every handler the services' dependencies, so handlers stay thin and services never see a Context. */
export const provideServices = (platform: EdgePlatform) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('services', {
      db: platform.database(c.env),
      attachments: platform.attachments(c.env),
      gateway: HttpWorkflowGateway.fromEnv(c.env),
      defer: (work) => c.executionCtx.waitUntil(work),
      refusalBackoff: refusalBackoffFrom(c.env),
      timed: (name, work) => wrapTime(c, name, work),
      // Cloudflare names each request by its ray; a county's edge by the ID nginx or its own middleware gave it.
      requestId: c.get('requestId') ?? c.req.header('cf-ray') ?? crypto.randomUUID(),
    });
    await next();
  });
