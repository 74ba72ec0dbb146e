import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTaskQueue } from '../schemas/workflow-names';
import { Stack } from './stack';
import { demoPassword, setDemoPasswords } from './seed';
import { ensureTemporalCli, projectRoot, temporalCliVersion, ToolchainError } from './temporal-cli';

const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new ToolchainError(`${name}=${process.env[name]} is not a port number.`);
  return value;
};

/** Secrets live in .dev.vars (ignored by git), which wrangler also reads; each is made once, on first start. */
function devSecret(name: string): string {
  const file = join(projectRoot, '.dev.vars');
  const existing = existsSync(file) ? new RegExp(`^${name}\\s*=\\s*"?([^"\\n]+)"?`, 'm').exec(readFileSync(file, 'utf8'))?.[1] : undefined;
  if (existing) return existing;
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${existsSync(file) ? readFileSync(file, 'utf8') : ''}${name}="${secret}"\n`, { mode: 0o600 });
  return secret;
}

async function main() {
  const cli = ensureTemporalCli();
  console.log(`Temporal CLI: ${temporalCliVersion(cli)}`);
  console.log(`Node ${process.version}`);
  const stack = new Stack({
    dataDir: join(projectRoot, '.data'),
    grpcPort: port('TEMPORAL_PORT', 7233),
    temporalHttpPort: port('TEMPORAL_HTTP_PORT', 7243),
    uiPort: port('TEMPORAL_UI_PORT', 8233),
    edgePort: port('PORT', 8787),
    internalSecret: devSecret('INTERNAL_SECRET'),
    operatorToken: devSecret('OPERATOR_TOKEN'),
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? defaultTaskQueue,
    outboxDrainMs: 30_000,
    output: 'inherit',
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await stack.start();
    // Only here: the tests' stacks sign in with tokens, and each password takes the edge half a second to hash.
    await setDemoPasswords({ edgeUrl: stack.edgeUrl, operatorToken: stack.options.operatorToken }, stack.demoUsers);
  } catch (error) {
    await stack.stop();
    throw error;
  }
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

Ctrl-C stops everything; the data stays in .data/ for the next start.`);
}

main().catch((error) => {
  console.error(error instanceof ToolchainError ? `\n${error.message}` : error);
  process.exit(1);
});
