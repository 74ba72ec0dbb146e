import * as v from 'valibot';
import type { Database } from '../../db/client';
import { latestPublishedPolicy } from '../../db/queries/policies';
import { newerPolicy, parseSlaPolicy } from '../../domain/policy';
import { slaPolicySchema, type SlaPolicy } from '../../schemas/policy';
import { IsolateCache } from '../runtime/isolate-cache';

let configured: { source: string | undefined; policy: SlaPolicy } | undefined;

/** The edge's setting that holds its first policy (`SLA_POLICY`, JSON), before any version is published. */
type PolicyConfig = { SLA_POLICY?: string };

/** The deployment's configured policy (SLA_POLICY, else the default), read once per isolate. */
export function configuredPolicy(env: PolicyConfig): SlaPolicy {
  if (!configured || configured.source !== env.SLA_POLICY) configured = { source: env.SLA_POLICY, policy: parseSlaPolicy(env.SLA_POLICY) };
  return configured.policy;
}

/** A published version is re-read at most every half minute; that is how long a new one takes to reach new cases. */
const published = new IsolateCache<SlaPolicy | undefined>(30_000);

export function forgetPublishedPolicy() {
  published.clear();
}

/** The policy in force: the newest published version if it is newer than the configured one. */
export async function policyInForce(env: PolicyConfig, db: Database): Promise<SlaPolicy> {
  const latest = await published.get('latest', async () => {
    const row = await latestPublishedPolicy(db);
    return row ? v.parse(slaPolicySchema, row.policy) : undefined;
  });
  return newerPolicy(configuredPolicy(env), latest);
}
