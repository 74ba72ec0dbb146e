import { Client, Connection } from '@temporalio/client';
import type { Stack } from '../../scripts/stack';
import { testStack } from '../../tests/support/stack';

/**
 * Runs a benchmark against a whole stack of its own (Temporal dev server, workerd with a local D1, the case worker)
 * with a Temporal client beside it, and stops it all however the run ends. A run that throws prints where the
 * stack's logs are and leaves a failing exit code.
 */
export async function onWholeStack(run: (stack: Stack, temporal: Client) => Promise<void>) {
  const stack = await testStack();
  let connection: Connection | undefined;
  try {
    console.log(`Starting the stack (logs in ${stack.options.dataDir}/logs) …`);
    await stack.start();
    connection = await Connection.connect({ address: stack.temporalAddress });
    await run(stack, new Client({ connection }));
  } catch (error) {
    console.error(error);
    console.error(`Stack logs: ${stack.options.dataDir}/logs`);
    process.exitCode = 1;
  } finally {
    await connection?.close();
    await stack.stop();
  }
}
