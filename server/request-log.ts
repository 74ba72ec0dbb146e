import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
import pino from 'pino';

/** The request a line of the log belongs to, wherever in the app the line is written. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** JSON lines on standard output, each within a request carrying its ID, for journald or a log shipper to take. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'fengqiao-edge', pid: process.pid },
  mixin: () => {
    const scope = requestScope.getStore();
    return scope ? { requestId: scope.requestId } : {};
  },
});

/** The app writes through console, as workerd wants; on a county's servers those lines become the same JSON lines. */
export function routeConsoleToLog() {
  console.log = (...args: unknown[]) => logger.info(format(...args));
  console.info = console.log;
  console.warn = (...args: unknown[]) => logger.warn(format(...args));
  console.error = (...args: unknown[]) => logger.error(format(...args));
}
