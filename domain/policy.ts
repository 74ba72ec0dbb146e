import * as v from 'valibot';
import { slaPolicySchema, type SlaPolicy } from '../schemas/policy';

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
