import { openDatabase } from '../db/client';
import { app } from './app';
import type { Bindings } from './env';
import { drainOutbox } from './services/outbox-delivery';
import { HttpWorkflowGateway } from './temporal/gateway';

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(
      drainOutbox(openDatabase(env.DB), HttpWorkflowGateway.fromEnv(env)).then(({ pending, started }) => {
        if (pending) console.log(`outbox: started ${started} of ${pending} pending workflows`);
      }),
    );
  },
} satisfies ExportedHandler<Bindings>;
