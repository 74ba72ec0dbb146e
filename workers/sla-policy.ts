import { parseSlaPolicy, type SlaPolicy } from '../schemas/policy';
import type { Bindings } from './env';

let parsed: { source: string | undefined; policy: SlaPolicy } | undefined;

/** The deployment's policy, read once per isolate and again only if the variable changes. */
export function slaPolicyOf(env: Pick<Bindings, 'SLA_POLICY'>): SlaPolicy {
  if (!parsed || parsed.source !== env.SLA_POLICY) parsed = { source: env.SLA_POLICY, policy: parseSlaPolicy(env.SLA_POLICY) };
  return parsed.policy;
}
