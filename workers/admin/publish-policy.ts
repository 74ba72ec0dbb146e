import { isUniqueViolation } from '../../db/errors';
import { publishPolicy } from '../../db/queries/policies';
import type { SignedInUser } from '../../db/queries/users';
import type { SlaPolicy } from '../../schemas/policy';
import type { Bindings } from '../env';
import type { EdgeServices } from '../runtime/edge-services';
import { drainOutbox } from '../sync/outbox-delivery';
import { forgetPublishedPolicy, policyInForce } from '../county/sla-policy';
import { recordChange } from '../../db/queries/audit-trail';

export type PolicyPublication = { kind: 'published'; version: number; casesToTell: number } | { kind: 'stale'; inForce: number };

/**
 * Publishes a policy as a new version, for the API and the admin's page alike: refused as stale unless newer than the
 * one in force, and every running case of the admin's jurisdiction told to re-plan its clocks.
 */
export async function publishNewPolicy({ db, gateway, defer }: EdgeServices, env: Bindings, admin: SignedInUser, policy: SlaPolicy): Promise<PolicyPublication> {
  forgetPublishedPolicy();
  const current = await policyInForce(env, db);
  if (policy.version <= current.version) return { kind: 'stale', inForce: current.version };
  let casesToTell: number;
  try {
    casesToTell = await publishPolicy(db, { version: policy.version, policy, by: admin.id, at: new Date().toISOString(), jurisdictionPath: admin.jurisdictionPath });
  } catch (error) {
    // Another admin published this version a moment ago.
    if (isUniqueViolation(error, 'sla_policies')) return { kind: 'stale', inForce: policy.version };
    throw error;
  }
  forgetPublishedPolicy();
  await recordChange(db, admin.id, { action: 'policyPublished', targetKind: 'policy', targetId: String(policy.version), detail: { casesToTell } });
  // The outbox holds one row per running case; deliver them now, and the cron takes whatever Temporal refuses.
  defer(drainOutbox(db, gateway, { limit: casesToTell + 10 }));
  return { kind: 'published', version: policy.version, casesToTell };
}
