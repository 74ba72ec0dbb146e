import * as v from 'valibot';

const partState = v.picklist(['up', 'down']);

/** What GET /healthz answers: each part as one edge sees it. */
export const healthSchema = v.object({
  ok: v.pipe(v.boolean(), v.description('The database and Temporal both answer: this edge can take filings and steps.')),
  database: partState,
  temporal: partState,
  workers: v.pipe(v.nullable(v.number()), v.description('Worker processes polling the case task queue; null when Temporal does not answer.')),
  outbox: v.pipe(
    v.nullable(v.object({ pending: v.number(), dead: v.number() })),
    v.description('Starts and reports not yet delivered to Temporal, and dead letters waiting for an admin.'),
  ),
});

export type Health = v.InferOutput<typeof healthSchema>;
