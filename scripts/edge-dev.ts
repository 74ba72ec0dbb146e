/**
 * The edge as `wrangler dev` runs it (wrangler's own dev environment, the same wrangler.toml, local D1 and R2), with
 * the devtools inspector off unless FENGQIAO_DEVTOOLS=1. With it on, wrangler's inspector proxy subscribes to every
 * subrequest the Worker makes, D1's included, and writes each with its body to wrangler's debug log: under load that
 * took a third of a core beside the Worker's own work. Console output still arrives through workerd's own logs.
 *
 * Run by the stack as a child: `edge-dev.ts <options as JSON>`; it answers on the port it is given until SIGTERM.
 */
import { unstable_startWorker } from 'wrangler';
import { join } from 'node:path';
import { projectRoot } from './temporal-cli';

export interface EdgeDevOptions {
  hostname: string;
  port: number;
  persistTo: string;
  vars: Record<string, string>;
  /** The devtools inspector's port, when a developer wants devtools beside the app. */
  inspectorPort?: number;
}

async function main() {
  const options = JSON.parse(process.argv[2] ?? '') as EdgeDevOptions;
  const worker = await unstable_startWorker({
    config: join(projectRoot, 'wrangler.toml'),
    bindings: Object.fromEntries(Object.entries(options.vars).map(([name, value]) => [name, { type: 'plain_text' as const, value }])),
    dev: {
      server: { hostname: options.hostname, port: options.port },
      inspector: options.inspectorPort === undefined ? false : { hostname: options.hostname, port: options.inspectorPort },
      persist: options.persistTo,
      testScheduled: true,
      watch: false,
      logLevel: 'warn',
    },
  });
  await worker.ready;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.dispose().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
