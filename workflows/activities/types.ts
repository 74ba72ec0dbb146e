import type { CaseEvent } from '../../schemas/case';

/** The activities a case workflow may call; their implementations live beside this file. */
export interface CaseActivities {
  reportCaseEvent(caseId: string, event: CaseEvent): Promise<void>;
}
