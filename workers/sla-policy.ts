import * as v from 'valibot';
import type { Database } from '../db/client';
import { latestPublishedPolicy } from '../db/queries/policies';
import { parseSlaPolicy, slaPolicySchema, type SlaPolicy } from '../schemas/policy';
import type { Bindings } from './env';

let configured: { source: string | undefined; policy: SlaPolicy } | undefined;

/** The deployment's configured policy (SLA_POLICY, else the default), read once per isolate. */
export function configuredPolicy(env: Pick<Bindings, 'SLA_POLICY'>): SlaPolicy {
  if (!configured || configured.source !== env.SLA_POLICY) configured = { source: env.SLA_POLICY, policy: parseSlaPolicy(env.SLA_POLICY) };
  return configured.policy;
}

/** A published version is re-read at most every half minute; that is how long a new one takes to reach new cases. */
const publishedTtlMs = 30_000;
let published: { policy: SlaPolicy | undefined; readAt: number } | undefined;

export function forgetPublishedPolicy() {
  published = undefined;
}

/** The policy in force: the newest published version if it is newer than the configured one. */
export async function policyInForce(env: Pick<Bindings, 'SLA_POLICY'>, db: Database): Promise<SlaPolicy> {
  if (!published || Date.now() - published.readAt > publishedTtlMs) {
    const row = await latestPublishedPolicy(db);
    published = { policy: row ? v.parse(slaPolicySchema, row.policy) : undefined, readAt: Date.now() };
  }
  const base = configuredPolicy(env);
  return published.policy && published.policy.version > base.version ? published.policy : base;
}
