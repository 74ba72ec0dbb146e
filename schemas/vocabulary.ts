/** The words of the trade, as the one list each that tables, schemas, forms and workflows share. */

/** The four screening channels (四条排查路径). */
export const channels = ['grid', 'community', 'online', 'enforcement'] as const;
export type Channel = (typeof channels)[number];

export const roles = ['grid_worker', 'mediator', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Supervisors and admins stand above mediators: they dispatch, decide, acknowledge and may step any case they see. */
export const supervises = (role: Role) => role === 'supervisor' || role === 'admin';

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

/** queued: filed, its workflow not yet started; open: being worked; resolved: settled, return visits due; closed: done. */
export const caseStatuses = ['queued', 'open', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const communityVisitKinds = ['visit', 'patrol'] as const;

/** The three resolution routes (三种化解办法), in the order a failed case moves along them. */
export const routes = ['grassroots', 'judicial', 'joint'] as const;
export type RouteName = (typeof routes)[number];

/** Departments that take part in a joint route (部门联动). */
export const departments = ['police', 'market', 'labour', 'housing', 'fire', 'enforcement', 'justice', 'civil_affairs'] as const;
export type Department = (typeof departments)[number];
