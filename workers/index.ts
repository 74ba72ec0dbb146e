import { openDatabase } from '../db/client';
import { app } from './app';
import type { Bindings } from './env';
import { drainOutbox, refusalBackoffFrom } from './services/outbox-delivery';
import { HttpWorkflowGateway } from './temporal/gateway';

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(
      drainOutbox(openDatabase(env.DB), HttpWorkflowGateway.fromEnv(env), {
        backoff: refusalBackoffFrom(env),
      }).then(({ pending, started, refused }) => {
        if (pending) console.log(`outbox: delivered ${started} of ${pending} pending, ${refused} refused`);
      }),
    );
  },
} satisfies ExportedHandler<Bindings>;
