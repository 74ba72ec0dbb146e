import type { ClockName } from '../../schemas/case';
import type { Channel } from '../../schemas/vocabulary';
import type { PlannedClock } from '../clocks/plan';

/**
 * Names and shapes shared by the workflow, the edge's gateway and the tests.
 * Free of SDK imports, so the edge can bundle it for workerd.
 */
export const caseWorkflowType = 'disputeCase';
export const defaultTaskQueue = 'fengqiao-cases';
export const stateQueryName = 'state';

export interface ClockState extends PlannedClock {
  warnedAt?: string;
  breachedAt?: string;
  stoppedAt?: string;
}

export interface CaseState {
  caseId: string;
  caseNumber: string;
  channel: Channel;
  status: 'open' | 'closed';
  clocks: Partial<Record<ClockName, ClockState>>;
  /** The last sequence number reported to the edge. */
  seq: number;
}
