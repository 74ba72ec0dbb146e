import * as v from 'valibot';
import { slaPolicySchema, type SlaPolicy } from '../schemas/policy';
import type { TimelineFact } from './case-event';

export { durationToMs } from '../schemas/policy';

/** 事不过夜 and the county's usual allowances: what a deployment runs on until it configures or publishes its own. */
export const defaultSlaPolicy: SlaPolicy = {
  version: 1,
  utcOffset: '+08:00',
  warnAtShare: 0.8,
  firstContact: { rule: 'sameDay', lateIntakeAfter: '18:00', lateIntakeWithin: 'PT12H' },
  accept: 'PT2H',
  followUpEvery: 'P3D',
  resolveWithin: { grassroots: 'P15D', judicial: 'P30D', joint: 'P20D' },
  departmentReportWithin: 'P10D',
  returnVisitsAfter: ['P7D', 'P30D', 'P90D'],
  acknowledgeEscalationWithin: 'PT4H',
  dispatchWithin: 'PT2H',
  returnVisitWindow: 'P3D',
  instructionFeedbackWithin: 'P3D',
  unsatisfiedVisit: 'reopen',
  calendar: { official: 'chinese-days 1.5.7', countyDays: [] },
};

/** Reads the policy configured for a deployment; a bad one is a deployment error and says which field is wrong. */
export function parseSlaPolicy(json: string | undefined): SlaPolicy {
  if (!json) return defaultSlaPolicy;
  const result = v.safeParse(slaPolicySchema, JSON.parse(json));
  if (!result.success) {
    const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(policy)'}: ${issue.message}`);
    throw new Error(`SLA_POLICY is not a valid policy: ${problems.join('; ')}`);
  }
  return result.output;
}

/** The newer of two policies: a published version replaces the configured one only when it is later. */
export const newerPolicy = (configured: SlaPolicy, published: SlaPolicy | undefined) =>
  published && published.version > configured.version ? published : configured;

/** A published version and when it was published. */
export type PublishedPolicy = { policy: SlaPolicy; publishedAt: string };

/**
 * The policy a case held at a moment: the one in force when it was filed, or a newer version its timeline says it
 * heard by then (`policy_changed`, which the case reports only for a version newer than its own). What a route's
 * workflow was handed when it began stays with it, so a department's allowance is the one held when its route began.
 */
export function policyHeldAt(
  configured: SlaPolicy,
  published: readonly PublishedPolicy[],
  heard: readonly TimelineFact[],
  filedAt: string,
  at: string,
): SlaPolicy {
  const newest = (before: string) =>
    published.filter((row) => Date.parse(row.publishedAt) <= Date.parse(before)).reduce<SlaPolicy | undefined>((found, row) => newerPolicy(row.policy, found), undefined);
  let held = newerPolicy(configured, newest(filedAt));
  for (const event of heard) {
    if (event.type !== 'policy_changed' || Date.parse(event.at) > Date.parse(at)) continue;
    const version = v.safeParse(v.object({ version: v.number() }), event.detail);
    const policy = version.success ? published.find((row) => row.policy.version === version.output.version)?.policy : undefined;
    held = newerPolicy(held, policy);
  }
  return held;
}
