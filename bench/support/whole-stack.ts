import { Client, Connection } from '@temporalio/client';
import type { Stack } from '../../scripts/stack';
import { testStackOn, type StackTarget } from '../../tests/support/stack';

/**
 * Runs a benchmark against a whole stack of its own on `target` (the development stack: Temporal dev server, workerd
 * with a local D1, the case worker; the county's: PostgreSQL, the Temporal server with four shards, two workers, the
 * edge in Node over SQLite) with a Temporal client beside it, and stops it all however the run ends. Resolves with
 * what the run resolved with; a run that throws prints where the stack's logs are, leaves a failing exit code and
 * resolves with undefined.
 */
export async function onWholeStack<T>(target: StackTarget, run: (stack: Stack, temporal: Client) => Promise<T>): Promise<T | undefined> {
  const stack = await testStackOn(target);
  let connection: Connection | undefined;
  try {
    console.log(`Starting the ${target} stack (logs in ${stack.options.dataDir}/logs) …`);
    await stack.start();
    connection = await Connection.connect({ address: stack.temporalAddress });
    return await run(stack, new Client({ connection }));
  } catch (error) {
    console.error(error);
    console.error(`Stack logs: ${stack.options.dataDir}/logs`);
    process.exitCode = 1;
    return undefined;
  } finally {
    await connection?.close();
    await stack.stop();
  }
}
