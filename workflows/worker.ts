import { NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { createBatchActivities } from './activities/report-batch-event';
import { createCaseActivities } from './activities/report-case-event';
import { defaultTaskQueue } from '../schemas/workflow-names';
import { workerLog } from './worker-log';

/** The worker's settings, all from the environment so the same process runs locally and against a cluster. */
export function workerSettingsFromEnv(env = process.env) {
  const internalSecret = env.INTERNAL_SECRET;
  if (!internalSecret) throw new Error('INTERNAL_SECRET is not set: the worker signs its calls to the edge with it');
  return {
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? defaultTaskQueue,
    edgeUrl: env.FENGQIAO_EDGE_URL ?? 'http://127.0.0.1:8787',
    internalSecret,
    /** Temporal Cloud: an API key implies TLS. */
    apiKey: env.TEMPORAL_API_KEY,
  };
}

export const workflowsPath = fileURLToPath(new URL('./index.ts', import.meta.url));

export async function runWorker(settings = workerSettingsFromEnv()) {
  // Warnings and errors only: a case's every workflow task at INFO would drown what needs reading.
  const { log, sdkLogger } = workerLog();
  Runtime.install({ logger: sdkLogger((process.env.WORKER_LOG_LEVEL as LogLevel | undefined) ?? 'WARN') });
  const connection = await NativeConnection.connect({
    address: settings.temporalAddress,
    ...(settings.apiKey ? { apiKey: settings.apiKey, tls: true } : {}),
  });
  const worker = await Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    workflowsPath,
    activities: { ...createCaseActivities(settings), ...createBatchActivities(settings) },
  });
  log.info({ taskQueue: settings.taskQueue, temporalAddress: settings.temporalAddress }, 'case worker polling');
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runWorker().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
