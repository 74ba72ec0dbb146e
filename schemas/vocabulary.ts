/** The words of the trade, as the one list each that tables, schemas, forms and workflows share. */

/** The four screening channels (四条排查路径). */
export const channels = ['grid', 'community', 'online', 'enforcement'] as const;
export type Channel = (typeof channels)[number];

export const roles = ['grid_worker', 'mediator', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const jurisdictionLevels = ['county', 'station', 'community', 'grid'] as const;

export const categories = [
  'neighbour',
  'family',
  'property',
  'labour',
  'consumer',
  'land',
  'traffic',
  'company',
  'other',
] as const;
export type Category = (typeof categories)[number];

/** 不放心的人、有风险的事: any of these makes a case hard at once. */
export const riskFlags = ['violence', 'group', 'vulnerable', 'petitioning'] as const;
export type RiskFlag = (typeof riskFlags)[number];

export const partyRoles = ['applicant', 'respondent', 'other'] as const;

/** queued: filed, its workflow not yet started; open: its workflow runs; closed: its workflow ended. */
export const caseStatuses = ['queued', 'open', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const communityVisitKinds = ['visit', 'patrol'] as const;
