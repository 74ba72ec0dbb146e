import type { SlaPolicy } from '../../schemas/policy';
import type { Channel } from '../../schemas/vocabulary';
import type { Clock } from '../clocks/clock';
import type { RouteState } from '../routes/machine';

/**
 * Names and shapes shared by the workflows, the edge's gateway and the tests.
 * Free of SDK imports, so the edge can bundle it for workerd.
 */
export const caseWorkflowType = 'disputeCase';
export const defaultTaskQueue = 'fengqiao-cases';
export const stateQueryName = 'state';
export const stepUpdateName = 'step';
export const policyChangedSignalName = 'policyChanged';
export const repeatReportSignalName = 'repeatReport';
export const departmentOverdueSignalName = 'departmentOverdue';
export const routeStepSignalName = 'routeStep';
export const departmentReportedSignalName = 'departmentReported';

/** Where a hard case stands as an order (订单管理): dispatched, accepted, resolved, closed. */
export type OrderStage = 'awaiting_dispatch' | 'dispatched' | 'accepted' | 'resolved' | 'closed';

export interface CaseState {
  caseId: string;
  caseNumber: string;
  channel: Channel;
  jurisdictionCode: string;
  status: 'open' | 'resolved' | 'closed';
  outcome?: 'agreement' | 'litigation';
  hardCase: boolean;
  triageReasons: string[];
  order: OrderStage;
  assignee?: { id: string; name: string };
  contactedAt?: string;
  paused?: { since: string; reason: string };
  pendingExtension?: { duration: string; reason: string; requestedBy: string };
  /** 0: none; 1: the station's leaders; 2: the county bureau. */
  escalationLevel: 0 | 1 | 2;
  route: RouteState;
  routeHistory: { route: RouteState['route']; outcome: 'resolved' | 'failed' | 'moved'; reason?: string; at: string }[];
  returnVisits: { at: string; satisfied: boolean; note: string }[];
  /** Later intakes that matched this case (repeats), with the channel they came through. */
  repeatReports: { id: string; channel: Channel; at: string; summary: string; reportedBy: string }[];
  clocks: Record<string, Clock>;
  policy: SlaPolicy;
  /** The last sequence number reported to the edge. */
  seq: number;
}
