/**
 * A workflow that does nothing but answer one update at once: what a step costs in Temporal alone, with no case
 * behind it. Registered only by the bench's own worker (bench/steps.ts), never by the case worker.
 */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const bareUpdate = defineUpdate<Record<string, never>, [unknown]>('bare');

export async function bareUpdateWorkflow(): Promise<void> {
  setHandler(bareUpdate, () => ({}));
  // Runs until the bench's stack is stopped under it.
  await condition(() => false);
}
