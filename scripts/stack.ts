import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SlaPolicy } from '../schemas/policy';
import type { EdgeDevOptions } from './edge-dev';
import { answers, assertPortFree, stopProcess, waitUntil } from './processes';
import { seedDemoData, type DemoUser } from './seed';
import { ensureTemporalCli, projectRoot, ToolchainError } from './temporal-cli';

/** The whole system on one machine: Temporal dev server, D1 migrations, wrangler dev and the seed through it, the case worker. */
export interface StackOptions {
  dataDir: string;
  grpcPort: number;
  temporalHttpPort: number;
  /** null runs the dev server without its Web UI. */
  uiPort: number | null;
  edgePort: number;
  internalSecret: string;
  /** The platform operator's token, with which the seed opens the demo county (POST /api/counties). */
  operatorToken: string;
  taskQueue: string;
  slaPolicy?: SlaPolicy;
  /** How often the launcher fires the outbox cron locally; wrangler dev does not run crons by itself. */
  outboxDrainMs: number;
  /** The first wait before a refused outbox row is tried again (doubling after); unset is the edge's own minute. */
  outboxBackoffMs?: number;
  /** Page sessions' idle and absolute ends in seconds, shorter for tests; unset, the domain's. */
  sessionSeconds?: { idle: number; max: number };
  /** The first wait after the free wrong passwords, shorter for tests; unset, the domain's. */
  signInFirstWaitMs?: number;
  /** 'inherit' shows every process's output; a directory collects one log file per process. */
  output: 'inherit' | { logDir: string };
  /** Throw the data away on stop (tests and benchmarks); `npm start` keeps it. */
  removeDataDirOnStop?: boolean;
  /** Told, in a line, what the stack is about to do next, for someone waiting at a terminal. */
  progress?: (step: string) => void;
}

const wranglerBin = join(projectRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
export const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' };

export class Stack {
  protected readonly children = new Map<string, ChildProcess>();
  protected drainTimer?: NodeJS.Timeout;
  demoUsers: DemoUser[] = [];

  constructor(readonly options: StackOptions) {}

  get edgeUrl() {
    return `http://127.0.0.1:${this.options.edgePort}`;
  }
  get temporalAddress() {
    return `127.0.0.1:${this.options.grpcPort}`;
  }
  get temporalHttpUrl() {
    return `http://127.0.0.1:${this.options.temporalHttpPort}`;
  }

  protected spawnChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = quietEnv) {
    const { output } = this.options;
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: output === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'] });
    if (output !== 'inherit') {
      mkdirSync(output.logDir, { recursive: true });
      const log = createWriteStream(join(output.logDir, `${name}.log`), { flags: 'a' });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
    }
    this.children.set(name, child);
    return child;
  }

  private async runToEnd(name: string, args: string[]) {
    const child = this.spawnChild(name, process.execPath, [wranglerBin, ...args]);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    this.children.delete(name);
    if (code !== 0) throw new ToolchainError(`wrangler ${args.slice(0, 3).join(' ')} failed (exit ${code}).`);
  }

  async startTemporal() {
    const { grpcPort, temporalHttpPort, uiPort, dataDir } = this.options;
    await assertPortFree(grpcPort, 'Temporal gRPC');
    await assertPortFree(temporalHttpPort, 'Temporal HTTP API');
    if (uiPort !== null) await assertPortFree(uiPort, 'Temporal Web UI');
    const cli = ensureTemporalCli();
    const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(grpcPort), '--http-port', String(temporalHttpPort)];
    args.push(...(uiPort === null ? ['--headless'] : ['--ui-port', String(uiPort)]));
    args.push('--db-filename', join(dataDir, 'temporal.sqlite'), '--log-level', 'error');
    // SQLite's default rollback journal syncs the file several times a commit, and the dev server's one connection
    // queues every workflow's writes behind it: under load, writes outlived their callers ("context canceled") and
    // steps were aborted. A write-ahead log synced at checkpoints keeps the file consistent after a crash.
    args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
    const child = this.spawnChild('temporal', cli, args);
    await waitUntil('Temporal dev server', answers(`${this.temporalHttpUrl}/api/v1/namespaces/default`), child);
  }

  async stopTemporal() {
    await this.stopChild('temporal');
  }

  private get persistArgs() {
    return ['--local', '--persist-to', join(this.options.dataDir, 'wrangler')];
  }

  async migrate() {
    await this.runToEnd('migrate', ['d1', 'migrations', 'apply', 'DB', ...this.persistArgs]);
  }

  /** The demo county through the running edge's API (scripts/seed.ts). */
  async seed() {
    this.demoUsers = await seedDemoData(this.options.dataDir, { edgeUrl: this.edgeUrl, operatorToken: this.options.operatorToken });
  }

  /** Migrated and seeded, with no edge left running: the seed goes through an edge started for it alone. */
  async prepareDatabase() {
    await this.migrate();
    await this.startEdge();
    try {
      await this.seed();
    } finally {
      await this.stopEdge();
    }
  }

  /** SQL into the local D1 while no edge runs: rows as an older version of the edge wrote them, or benchmark data. */
  async executeSql(name: string, statements: string[]) {
    const file = join(this.options.dataDir, `${name}.sql`);
    writeFileSync(file, `${statements.join('\n')}\n`);
    await this.runToEnd(name, ['d1', 'execute', 'DB', ...this.persistArgs, '--file', file]);
  }

  async startWorker() {
    const child = this.spawnChild('worker', process.execPath, ['--import', 'tsx', join(projectRoot, 'workflows', 'worker.ts')], {
      ...process.env,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_TASK_QUEUE: this.options.taskQueue,
      FENGQIAO_EDGE_URL: this.edgeUrl,
      INTERNAL_SECRET: this.options.internalSecret,
    });
    // The worker bundles the workflow code before it polls; wait until Temporal sees it polling.
    await waitUntil('case worker', () => this.workerPolling(), child);
  }

  protected async workerPolling() {
    const url = `${this.temporalHttpUrl}/api/v1/namespaces/default/task-queues/${this.options.taskQueue}?taskQueueType=TASK_QUEUE_TYPE_WORKFLOW`;
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json()) as { pollers?: unknown[] };
    return (body.pollers?.length ?? 0) > 0;
  }

  async stopWorker() {
    await this.stopChild('worker');
  }

  /** A crash rather than a shutdown: the worker finishes nothing it holds, as when its machine dies. */
  async killWorker() {
    await this.stopChild('worker', 'SIGKILL');
  }

  /** The app's settings, under the names both targets read them by (workers/env.ts). */
  protected get appSettings(): Record<string, string> {
    const { internalSecret, taskQueue, slaPolicy, outboxBackoffMs, sessionSeconds, signInFirstWaitMs } = this.options;
    return {
      TEMPORAL_HTTP_URL: this.temporalHttpUrl,
      TEMPORAL_TASK_QUEUE: taskQueue,
      INTERNAL_SECRET: internalSecret,
      OPERATOR_TOKEN: this.options.operatorToken,
      ...(slaPolicy ? { SLA_POLICY: JSON.stringify(slaPolicy) } : {}),
      ...(outboxBackoffMs !== undefined ? { OUTBOX_BACKOFF_MS: String(outboxBackoffMs) } : {}),
      ...(sessionSeconds ? { SESSION_IDLE_SECONDS: String(sessionSeconds.idle), SESSION_MAX_SECONDS: String(sessionSeconds.max) } : {}),
      ...(signInFirstWaitMs ? { SIGN_IN_FIRST_WAIT_MS: String(signInFirstWaitMs) } : {}),
    };
  }

  async startEdge() {
    const { edgePort, dataDir } = this.options;
    await assertPortFree(edgePort, 'the Fengqiao app');
    const vars = this.appSettings;
    const devtoolsPort = Number(process.env.FENGQIAO_DEVTOOLS_PORT) || undefined;
    const edge: EdgeDevOptions = { hostname: '127.0.0.1', port: edgePort, persistTo: join(dataDir, 'wrangler'), vars, inspectorPort: devtoolsPort };
    const child = this.spawnChild('edge', process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts', 'edge-dev.ts'), JSON.stringify(edge)]);
    await waitUntil('wrangler dev', answers(`${this.edgeUrl}/healthz`), child);
    this.drainTimer = setInterval(() => void this.drainOutbox().catch(() => {}), this.options.outboxDrainMs);
  }

  async stopEdge() {
    clearInterval(this.drainTimer);
    await this.stopChild('edge');
  }

  /** What the cron trigger does in production, fired by hand here. */
  async drainOutbox() {
    const response = await fetch(`${this.edgeUrl}/__scheduled?cron=*+*+*+*+*`, { signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
  }

  async start() {
    const say = this.options.progress ?? (() => {});
    mkdirSync(this.options.dataDir, { recursive: true });
    say('Bringing the database up to date (migrations)');
    await this.migrate();
    say('Starting Temporal');
    await this.startTemporal();
    say('Starting the app');
    await this.startEdge();
    say('Opening the demo county and its users');
    await this.seed();
    say('Starting the case workers (each bundles the workflows before it polls)');
    await this.startWorker();
  }

  protected async stopChild(name: string, signal: NodeJS.Signals = 'SIGTERM') {
    const child = this.children.get(name);
    this.children.delete(name);
    await stopProcess(child, signal, 10_000);
  }


  async stop() {
    clearInterval(this.drainTimer);
    // The worker first, so it does not spend its last seconds failing to reach a stopped server.
    for (const name of ['worker', 'edge', 'temporal', ...this.children.keys()]) await this.stopChild(name);
    if (this.options.removeDataDirOnStop) rmSync(this.options.dataDir, { recursive: true, force: true });
  }
}
