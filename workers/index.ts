import { openDatabase } from '../db/client';
import { app } from './app';
import type { Bindings } from './env';
import { backfillCases } from './sync/case-backfill';
import { drainOutbox, refusalBackoffFrom } from './sync/outbox-delivery';
import { HttpWorkflowGateway } from './sync/gateway';

export default {
  fetch: app.fetch,
  /** Each minute: start what the outbox still holds, and give a chunk of older cases the keys and terms they lack. */
  async scheduled(_controller, env, ctx) {
    const db = openDatabase(env.DB);
    ctx.waitUntil(
      drainOutbox(db, HttpWorkflowGateway.fromEnv(env), { backoff: refusalBackoffFrom(env) }).then(({ pending, started, refused }) => {
        if (pending) console.log(`outbox: delivered ${started} of ${pending} pending, ${refused} refused`);
      }),
    );
    ctx.waitUntil(
      backfillCases(db).then(({ reindexed }) => {
        if (reindexed) console.log(`backfill: indexed ${reindexed} older cases`);
      }),
    );
  },
} satisfies ExportedHandler<Bindings>;
