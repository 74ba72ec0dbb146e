import { join } from 'node:path';
import { defaultTaskQueue } from '../schemas/workflow-names';
import { localSecret } from './local-secrets';
import { portFromEnv as port } from './processes';
import { Stack } from './stack';
import { startInForeground } from './foreground';
import { demoPassword } from './seed';
import { ensureTemporalCli, projectRoot, temporalCliVersion, ToolchainError } from './temporal-cli';

/** Secrets live in .dev.vars (ignored by git), which wrangler also reads; each is made once, on first start. */
const devSecret = (name: string) => localSecret(join(projectRoot, '.dev.vars'), name);

const dataDir = join(projectRoot, '.data');
const logDir = join(dataDir, 'logs');

async function main() {
  const cli = ensureTemporalCli();
  console.log(`Starting Fengqiao (Node ${process.version}, Temporal CLI ${temporalCliVersion(cli)}); each part writes its log to .data/logs/.`);
  const stack = new Stack({
    dataDir,
    grpcPort: port('TEMPORAL_PORT', 7233),
    temporalHttpPort: port('TEMPORAL_HTTP_PORT', 7243),
    uiPort: port('TEMPORAL_UI_PORT', 8233),
    edgePort: port('PORT', 8787),
    internalSecret: devSecret('INTERNAL_SECRET'),
    operatorToken: devSecret('OPERATOR_TOKEN'),
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? defaultTaskQueue,
    outboxDrainMs: 30_000,
    // Each part's output goes to its own file: the terminal keeps one line a step, then the addresses.
    output: { logDir },
    progress: (step) => console.log(`  · ${step}…`),
  });
  await startInForeground(stack);
  const { edgeUrl } = stack;
  console.log(`
Fengqiao is running.
  App            ${edgeUrl}/   (sign in: each role lands on its own home; forms: /intake/{grid,community,online,enforcement})
  API            ${edgeUrl}/api/openapi.json
  Health         ${edgeUrl}/healthz
  Temporal UI    http://127.0.0.1:${stack.options.uiPort}
  Temporal gRPC  ${stack.temporalAddress}   HTTP API ${stack.temporalHttpUrl}

Platform operator (opens counties with POST /api/counties): the OPERATOR_TOKEN in .dev.vars.
Demo users: sign in on a page with the user name and the password ${demoPassword}; programs send the token as a
bearer token (also in .data/demo-users.json).
${stack.demoUsers.map((u) => `  ${u.id.padEnd(20)} ${u.role.padEnd(12)} ${u.jurisdiction.padEnd(10)} ${u.name}\t${u.token}`).join('\n')}

Logs: .data/logs/ (temporal.log, edge.log, worker.log). Ctrl-C stops everything; the data stays in .data/ for the next start.`);
}

main().catch((error) => {
  console.error(error instanceof ToolchainError ? `\n${error.message}` : error);
  console.error(`What each part said is in ${logDir}/.`);
  process.exit(1);
});
