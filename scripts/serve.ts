import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTaskQueue } from '../schemas/workflow-names';
import { scheduleBackups } from '../server/backup';
import { CountyStack } from './county-stack';
import { localSecret } from './local-secrets';
import { startInForeground } from './foreground';
import { demoPassword } from './seed';
import { portFromEnv } from './processes';
import { clusterPortNames, type ClusterPorts } from './temporal-cluster';
import { projectRoot, ToolchainError } from './temporal-cli';

/**
 * `npm run serve`: the county's stack on one machine, as deploy/ runs it on several: PostgreSQL, the Temporal server
 * with four history shards, two case workers on one task queue, two edge processes on one SQLite file. The data
 * stays in .county/ between starts; the demo county is seeded on the first.
 */
const dataDir = join(projectRoot, '.county');
const backupDir = join(dataDir, 'backups');
/** As the deploy/ timer does daily; more often here, where a trial's data changes fast. */
const backupEveryMs = 6 * 3_600_000;

/** Each port from TEMPORAL_<NAME>_PORT (POSTGRES_PORT for the database), from 7330 up otherwise: clear of `npm start`'s. */
function clusterPorts(): ClusterPorts {
  const envName = (name: string) => (name === 'postgres' ? 'POSTGRES_PORT' : `TEMPORAL_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_PORT`);
  return Object.fromEntries(clusterPortNames.map((name, index) => [name, portFromEnv(envName(name), name === 'postgres' ? 55432 : 7330 + index)])) as ClusterPorts;
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const secret = (name: string) => localSecret(join(dataDir, 'secrets.env'), name);
  const edgePort = portFromEnv('PORT', 8790);
  const stack = new CountyStack({
    dataDir,
    clusterPorts: clusterPorts(),
    grpcPort: 0,
    temporalHttpPort: 0,
    uiPort: null,
    edgePort,
    moreEdgePorts: [portFromEnv('SECOND_EDGE_PORT', edgePort + 1)],
    workers: 2,
    internalSecret: secret('INTERNAL_SECRET'),
    operatorToken: secret('OPERATOR_TOKEN'),
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? defaultTaskQueue,
    outboxDrainMs: 60_000,
    output: { logDir: join(dataDir, 'logs') },
    progress: (step) => console.log(`  · ${step}…`),
  });
  await startInForeground(stack, () =>
    scheduleBackups({ everyMs: backupEveryMs, env: { ...stack.postgresToolEnv, FENGQIAO_BACKUP_DIR: backupDir } }),
  );
  const { cluster } = stack;
  console.log(`
Fengqiao is running as a county runs it.
  App (edge 1)      ${stack.edgeUrls[0]}/
  App (edge 2)      ${stack.edgeUrls[1]}/   (the same SQLite file: ${stack.databaseFile})
  Health, metrics   ${stack.edgeUrls[0]}/healthz   ${stack.edgeUrls[0]}/metrics
  Temporal gRPC     ${cluster.grpcAddress}   HTTP API ${cluster.httpUrl}   metrics ${cluster.metricsUrl}
  PostgreSQL        127.0.0.1:${cluster.options.ports.postgres} (user postgres; databases temporal, temporal_visibility)
  Case workers      2, on task queue ${stack.options.taskQueue}
  Logs              ${join(dataDir, 'logs')}/ (the edge's are JSON lines)
  Backups           ${backupDir}/ every ${backupEveryMs / 3_600_000} h (npm run backup; npm run restore -- <set>)

Platform operator (opens counties with POST /api/counties): OPERATOR_TOKEN in .county/secrets.env.
Demo users: sign in with the user name and the password ${demoPassword}:
${stack.demoUsers.map((u) => `  ${u.id.padEnd(20)} ${u.role.padEnd(12)} ${u.name}`).join('\n')}

Ctrl-C stops everything; the data stays in .county/ for the next start. deploy/ runs the same parts under systemd.`);
}

main().catch((error) => {
  console.error(error instanceof ToolchainError ? `\n${error.message}` : error);
  process.exit(1);
});
