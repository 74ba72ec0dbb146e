import type { Database } from '../../db/client';
import type { Bindings } from '../env';
import { backfillCases } from './case-backfill';
import { HttpWorkflowGateway } from './gateway';
import { drainOutbox, refusalBackoffFrom } from './outbox-delivery';

/**
 * What runs each minute besides the requests: start what the outbox still holds, and give a chunk of older cases the
 * keys and terms they lack. The cron trigger calls it on Cloudflare, a timer in each edge process on a county's servers.
 */
export function eachMinute(db: Database, env: Bindings): Promise<unknown>[] {
  return [
    drainOutbox(db, HttpWorkflowGateway.fromEnv(env), { backoff: refusalBackoffFrom(env) }).then(({ pending, started, refused }) => {
      if (pending) console.log(`outbox: delivered ${started} of ${pending} pending, ${refused} refused`);
    }),
    backfillCases(db).then(({ reindexed }) => {
      if (reindexed) console.log(`backfill: indexed ${reindexed} older cases`);
    }),
  ];
}
