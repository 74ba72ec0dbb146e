/** The words of the trade, as the one list each that tables, schemas, forms and workflows share. */

/** The four screening channels (四条排查路径). */
export const channels = ['grid', 'community', 'online', 'enforcement'] as const;
export type Channel = (typeof channels)[number];

/** A department user answers for one department's part in joint routes (部门联动), within its jurisdiction. */
export const roles = ['grid_worker', 'mediator', 'supervisor', 'admin', 'department'] as const;
export type Role = (typeof roles)[number];

/** The jurisdiction tree's fixed levels, from the root down. */
export const jurisdictionLevels = ['county', 'station', 'community', 'grid'] as const;
export type JurisdictionLevel = (typeof jurisdictionLevels)[number];

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
export type PartyRole = (typeof partyRoles)[number];

/** What the case's workflow says of it: open (being worked), resolved (settled, return visits due), closed (done). */
export const processStatuses = ['open', 'resolved', 'closed'] as const;
export type ProcessStatus = (typeof processStatuses)[number];

/** The case as D1 holds it: queued until its workflow has started, then what the workflow last said. */
export const caseStatuses = ['queued', ...processStatuses] as const;
export type CaseStatus = (typeof caseStatuses)[number];
/** Cases whose workflow may still run: what work lists show and what a new policy version reaches. */
export const unfinishedStatuses = ['queued', 'open', 'resolved'] as const satisfies readonly CaseStatus[];

/**
 * How a case ended its work: an agreement (possibly confirmed by a court) or a referral to litigation; or it left
 * without a mediation: not a dispute (an emergency, another authority's matter), a crime referred to the police,
 * withdrawn by the applicant, or a duplicate merged into another case.
 */
export const exitKinds = ['not_a_dispute', 'referred_to_police', 'withdrawn', 'duplicate'] as const;
export type ExitKind = (typeof exitKinds)[number];
export const caseOutcomes = ['agreement', 'litigation', ...exitKinds] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];

/** Where a hard case stands as an order (订单管理): dispatched, accepted, resolved, closed. */
export const orderStages = ['awaiting_dispatch', 'dispatched', 'accepted', 'resolved', 'closed'] as const;
export type OrderStage = (typeof orderStages)[number];

/** The case's clocks, and `feedback`, a verification instruction's; a department's sub-deadline runs in its own workflow. */
export const clockNames = ['firstContact', 'dispatch', 'accept', 'followUp', 'resolve', 'escalationAck', 'returnVisit', 'feedback'] as const;
export type ClockName = (typeof clockNames)[number];

/** 0: none; 1: the station's leaders; 2: the county bureau. */
export const escalationLevels = [0, 1, 2] as const;
export type EscalationLevel = (typeof escalationLevels)[number];

/** Who hears of an event: the assigned mediator, the station's command room, or the county bureau. */
export const notifyAudiences = ['assignee', 'station', 'county'] as const;
export type NotifyAudience = (typeof notifyAudiences)[number];

export const communityVisitKinds = ['visit', 'patrol'] as const;
export type CommunityVisitKind = (typeof communityVisitKinds)[number];

/** The three resolution routes (三种化解办法), in the order a failed case moves along them. */
export const routes = ['grassroots', 'judicial', 'joint'] as const;
export type RouteName = (typeof routes)[number];

/** Departments that take part in a joint route (部门联动). */
export const departments = ['police', 'market', 'labour', 'housing', 'fire', 'enforcement', 'justice', 'civil_affairs'] as const;
export type Department = (typeof departments)[number];

/** A route's own stage: being worked, an agreement waiting for the court, or done one way or the other. */
export const routeStages = ['working', 'confirmation_requested', 'resolved', 'failed', 'ended'] as const;
/** A department's part: waiting, reported back (done or refused with its reason), or late. */
export const departmentStatuses = ['pending', 'reported', 'refused', 'overdue'] as const;
/** What a department reports back: the work is done, it refuses (not its matter), or it needs more time. */
export const departmentReportOutcomes = ['done', 'refused', 'more_time'] as const;
/** How a case left a route: settled on it, failed on it, or moved off it by a supervisor. */
export const routeOutcomes = ['resolved', 'failed', 'moved'] as const;

/**
 * What a verification instruction (核查指令) of a county's batch asks: check a household's population register, a
 * premises, a dispute (filed as a case), an anti-fraud visit (反诈走访), a unit (单位).
 */
export const instructionKinds = ['population', 'premises', 'dispute', 'anti_fraud', 'unit'] as const;
export type InstructionKind = (typeof instructionKinds)[number];
/**
 * A line of a batch: refused with its errors; waiting for the batch's workflow to start its clock; dispatched,
 * its clock running; past its warning point without feedback (its assignee reminded); answered (feedback in, late
 * or not); overdue (no feedback by its due time); or, for a dispute line, filed as a case that runs its own clocks.
 */
export const instructionStatuses = ['rejected', 'pending', 'dispatched', 'warning', 'answered', 'overdue', 'case_filed'] as const;
export type InstructionStatus = (typeof instructionStatuses)[number];
/** A batch waits in the outbox until its workflow starts, runs while any clock does, then is done. */
export const batchStatuses = ['queued', 'running', 'done'] as const;
export type BatchStatus = (typeof batchStatuses)[number];
