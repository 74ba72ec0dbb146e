import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';
import pino from 'pino';

/**
 * The worker's log as JSON lines, as the edge writes its own (server/request-log.ts), for journald or a log shipper
 * to take: the worker's own lines, and the SDK's entries with their metadata as fields (workflow ID, run, activity,
 * and the filing's request ID a report carries, which joins them to the edge's lines).
 */
export function workerLog(destination: pino.DestinationStream = pino.destination(1)) {
  const log = pino({ level: 'trace', base: { service: 'fengqiao-worker', pid: process.pid } }, destination);
  const write: Record<LogLevel, pino.LogFn> = {
    TRACE: log.trace.bind(log),
    DEBUG: log.debug.bind(log),
    INFO: log.info.bind(log),
    WARN: log.warn.bind(log),
    ERROR: log.error.bind(log),
  };
  /** The SDK's logger at `level`: below it nothing reaches the stream. */
  const sdkLogger = (level: LogLevel) => new DefaultLogger(level, (entry: LogEntry) => write[entry.level]({ ...entry.meta }, entry.message));
  return { log, sdkLogger };
}
