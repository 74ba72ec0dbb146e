import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createClient } from '@libsql/client';
import { answers, assertPortFree, waitUntil } from './processes';
import { quietEnv, Stack, type StackOptions } from './stack';
import type { DemoUser } from './seed';
import { TemporalCluster, type ClusterPorts } from './temporal-cluster';
import { projectRoot, ToolchainError } from './temporal-cli';

export interface CountyStackOptions extends StackOptions {
  /** PostgreSQL's and every Temporal service's ports; `grpcPort`, `temporalHttpPort` and `uiPort` are not used. */
  clusterPorts: ClusterPorts;
  /** Ports of the edge processes after the first (`edgePort`), all on the one database file. */
  moreEdgePorts?: number[];
  /** Case workers polling the one task queue. */
  workers?: number;
}

const tsx = ['--import', 'tsx'];

/**
 * The system as a county runs it on its own machines: PostgreSQL and the production Temporal server with several
 * history shards, the edge in Node over a SQLite file (one or more processes), and two case workers on one task
 * queue. The same surface as the development stack, so the same tests drive either.
 */
export class CountyStack extends Stack {
  readonly cluster: TemporalCluster;

  constructor(override readonly options: CountyStackOptions) {
    super(options);
    const logDir = options.output === 'inherit' ? join(options.dataDir, 'logs') : options.output.logDir;
    this.cluster = new TemporalCluster({ dataDir: join(options.dataDir, 'temporal'), logDir, ports: options.clusterPorts });
  }

  override get temporalAddress() {
    return this.cluster.grpcAddress;
  }
  override get temporalHttpUrl() {
    return this.cluster.httpUrl;
  }
  get databaseFile() {
    return join(this.options.dataDir, 'fengqiao.sqlite');
  }
  get edgeUrls() {
    return [this.options.edgePort, ...(this.options.moreEdgePorts ?? [])].map((port) => `http://127.0.0.1:${port}`);
  }
  private get workerNames() {
    return Array.from({ length: this.options.workers ?? 2 }, (_, index) => `worker-${index + 1}`);
  }

  /** PostgreSQL if it is not up, then the Temporal server. */
  override async startTemporal() {
    if (!this.cluster.postgres.running) await this.cluster.startPostgres();
    await this.cluster.startTemporal();
  }
  /** The Temporal server alone; its database stays up. */
  override async stopTemporal() {
    await this.cluster.stopTemporal();
  }

  /** One of the operator's commands (`npm run <name>`, server/<name>.ts), run to its end. */
  private async runCommand(name: string, args: string[] = [], env: NodeJS.ProcessEnv = this.edgeEnv(this.options.edgePort)) {
    mkdirSync(this.options.dataDir, { recursive: true });
    const child = this.spawnChild(name, process.execPath, [...tsx, join(projectRoot, 'server', `${name}.ts`), ...args], env);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    this.children.delete(name);
    if (code !== 0) throw new ToolchainError(`npm run ${name} failed (exit ${code}).`);
  }

  /** `npm run migrate`, as a county's operator runs it before starting a new version. */
  override async migrate() {
    await this.runCommand('migrate');
  }

  /** What backup and restore run with: the database file, and PostgreSQL's client tools and where it listens. */
  get postgresToolEnv(): NodeJS.ProcessEnv {
    const { postgres } = this.cluster;
    return { ...this.edgeEnv(this.options.edgePort), ...postgres.connectionEnv, PG_BIN: dirname(postgres.binary('pg_dump')) };
  }

  /** `npm run backup`, as the county's timer runs it: one set under `backupDir`. */
  async backup(backupDir: string) {
    await this.runCommand('backup', [], { ...this.postgresToolEnv, FENGQIAO_BACKUP_DIR: backupDir });
  }

  /**
   * Starts on a backup set instead of a fresh seed: `npm run restore` into this stack's empty data directory, then
   * Temporal, the edge and the workers. `demoUsers` are the tokens the stack that was backed up handed out.
   */
  async startRestored(setDir: string, demoUsers: DemoUser[]) {
    await this.cluster.startPostgres();
    await this.runCommand('restore', [setDir], this.postgresToolEnv);
    await this.startTemporal();
    await this.startEdge();
    this.demoUsers = demoUsers;
    await this.startWorker();
  }

  override async executeSql(_name: string, statements: string[]) {
    const client = createClient({ url: `file:${this.databaseFile}` });
    try {
      for (const statement of statements) await client.execute(statement);
    } finally {
      client.close();
    }
  }

  private edgeEnv(port: number): NodeJS.ProcessEnv {
    return {
      ...quietEnv,
      ...this.appSettings,
      FENGQIAO_DATABASE: this.databaseFile,
      FENGQIAO_PORT: String(port),
      FENGQIAO_EACH_MINUTE_MS: String(this.options.outboxDrainMs),
    };
  }

  /** Every edge process, each waited for until it answers. */
  override async startEdge() {
    const ports = [this.options.edgePort, ...(this.options.moreEdgePorts ?? [])];
    await Promise.all(ports.map((port, index) => this.startEdgeProcess(index, port)));
  }

  async startEdgeProcess(index: number, port: number) {
    const name = `edge-${index + 1}`;
    if (this.children.has(name)) return;
    await assertPortFree(port, `Fengqiao edge ${index + 1}`);
    const child = this.spawnChild(name, process.execPath, [...tsx, join(projectRoot, 'server', 'edge.ts')], this.edgeEnv(port));
    await waitUntil(`edge ${index + 1}`, answers(`http://127.0.0.1:${port}/healthz`), child);
  }

  override async stopEdge() {
    for (const name of [...this.children.keys()].filter((name) => name.startsWith('edge-'))) await this.stopChild(name);
  }

  /** An edge process dies as its machine would, amid whatever it was answering. */
  async killEdge(index = 0) {
    await this.stopChild(`edge-${index + 1}`, 'SIGKILL');
  }

  /** The edge's own timer drains the outbox every `outboxDrainMs`; this waits one round of it. */
  override async drainOutbox() {
    await new Promise((resolve) => setTimeout(resolve, this.options.outboxDrainMs + 500));
  }

  /** Every case worker not running yet, then waits until Temporal sees all of them polling. */
  override async startWorker() {
    const started = this.workerNames.filter((name) => !this.children.has(name));
    for (const name of started) {
      this.spawnChild(name, process.execPath, [...tsx, join(projectRoot, 'workflows', 'worker.ts')], {
        ...process.env,
        TEMPORAL_ADDRESS: this.temporalAddress,
        TEMPORAL_TASK_QUEUE: this.options.taskQueue,
        FENGQIAO_EDGE_URL: this.edgeUrl,
        INTERNAL_SECRET: this.options.internalSecret,
      });
    }
    const first = this.children.get(started[0] ?? this.workerNames[0]!)!;
    await waitUntil('case workers', async () => (await this.pollingWorkers()) >= this.workerNames.length, first);
  }

  private async pollingWorkers() {
    const url = `${this.temporalHttpUrl}/api/v1/namespaces/default/task-queues/${this.options.taskQueue}?taskQueueType=TASK_QUEUE_TYPE_WORKFLOW`;
    const body = (await (await fetch(url, { signal: AbortSignal.timeout(2_000) })).json()) as { pollers?: { identity?: string }[] };
    return new Set((body.pollers ?? []).map((poller) => poller.identity)).size;
  }

  override async stopWorker() {
    for (const name of this.workerNames) await this.stopChild(name);
  }

  /** The first worker dies as its machine would; the others carry on. */
  override async killWorker() {
    await this.stopChild(this.workerNames[0]!, 'SIGKILL');
  }

  override async stop() {
    clearInterval(this.drainTimer);
    for (const name of this.workerNames) await this.stopChild(name);
    await this.stopEdge();
    for (const name of [...this.children.keys()]) await this.stopChild(name);
    await this.cluster.stop();
    if (this.options.removeDataDirOnStop) rmSync(this.options.dataDir, { recursive: true, force: true });
  }
}
