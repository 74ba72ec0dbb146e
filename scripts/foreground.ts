import { setDemoPasswords } from './seed';
import type { Stack } from './stack';

/**
 * Starts a stack for someone at a terminal (`npm start`, `npm run serve`): the demo users get their passwords, and
 * Ctrl-C or SIGTERM stops every part, after whatever `afterStart` began and handed back a stop for.
 */
export async function startInForeground(stack: Stack, afterStart: () => (() => Promise<void>) | void = () => {}) {
  let stopping = false;
  let stopAlso = async () => {};
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stopAlso();
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await stack.start();
    // Only here: the tests' stacks sign in with tokens, and each password takes the edge half a second to hash.
    await setDemoPasswords({ edgeUrl: stack.edgeUrl, operatorToken: stack.options.operatorToken }, stack.demoUsers);
    stopAlso = afterStart() ?? stopAlso;
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
