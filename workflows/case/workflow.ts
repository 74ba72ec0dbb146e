import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import * as v from 'valibot';
import { caseWorkflowInputSchema, type CaseEvent } from '../../schemas/case';
import type { CaseActivities } from '../activities/types';
import { planFirstContact } from '../clocks/plan';
import { runClock } from '../clocks/run';
import { stateQuery, type CaseState } from './definitions';

const { reportCaseEvent } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** One dispute case from filing to closing; its workflow ID is the case ID. */
export async function disputeCase(rawInput: unknown): Promise<CaseState> {
  const input = v.parse(caseWorkflowInputSchema, rawInput);
  const state: CaseState = {
    caseId: input.caseId,
    caseNumber: input.caseNumber,
    channel: input.channel,
    status: 'open',
    clocks: { firstContact: planFirstContact(input.policy, new Date(input.filedAt)) },
    seq: 0,
  };
  setHandler(stateQuery, () => state);

  const report = async (event: Omit<CaseEvent, 'seq'>) => {
    state.seq += 1;
    await reportCaseEvent(state.caseId, { ...event, seq: state.seq } as CaseEvent);
  };

  const firstContact = state.clocks.firstContact!;
  await runClock('firstContact', firstContact, () => firstContact.stoppedAt !== undefined, report);

  // The steps that stop the clock and carry the case to its close arrive as updates.
  await condition(() => state.status === 'closed');
  return state;
}
