import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresServer } from './postgres';
import { assertPortFree, hasExited, spawnLogged, stopProcess, waitUntil } from './processes';
import { ToolchainError } from './temporal-cli';
import { ensureTemporalServer, type TemporalServerBinaries } from './temporal-server';

/**
 * The county target's Temporal: the production server (every service in one process) on its own PostgreSQL, as a
 * county runs it on its own machines. Each part starts, stops and dies on its own, so fault tests can take either
 * down while the other stays up.
 */

export const clusterPortNames = [
  'postgres',
  'frontendGrpc',
  /** Temporal's HTTP API, which the edge speaks. */
  'frontendHttp',
  'historyGrpc',
  'matchingGrpc',
  'workerGrpc',
  'frontendMembership',
  'historyMembership',
  'matchingMembership',
  'workerMembership',
  /** Prometheus scrapes Temporal's own metrics here (/metrics). */
  'metrics',
] as const;
export type ClusterPorts = Record<(typeof clusterPortNames)[number], number>;

export interface TemporalClusterOptions {
  /** PostgreSQL's data (postgres/) and the server's rendered config live here; kept across restarts. */
  dataDir: string;
  /** One log file per part: postgres.log, temporal.log, schema.log. */
  logDir: string;
  ports: ClusterPorts;
  /** Fixed when the cluster is first created; a later change is refused by the server. */
  historyShards?: number;
}

/** Ports for every part, distinct from each other: `freePort` alone may hand out the same one twice. */
export async function pickClusterPorts(freePort: () => Promise<number>): Promise<ClusterPorts> {
  const taken = new Set<number>();
  const ports = {} as ClusterPorts;
  for (const name of clusterPortNames) {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    ports[name] = port;
  }
  return ports;
}

const host = '127.0.0.1';
const pluginName = 'postgres12_pgx';
const stores = [
  { name: 'default', database: 'temporal', schema: 'postgresql/v12/temporal', maxConns: 20 },
  { name: 'visibility', database: 'temporal_visibility', schema: 'postgresql/v12/visibility', maxConns: 10 },
] as const;

/** The server's config. JSON is YAML too, and a typed object cannot be mis-indented. */
export function renderServerConfig(ports: ClusterPorts, postgres: { port: number; user: string }, historyShards: number) {
  const rpc = (grpcPort: number, membershipPort: number) => ({ grpcPort, membershipPort, bindOnIP: host });
  const datastore = (store: (typeof stores)[number]) => ({
    sql: {
      pluginName,
      databaseName: store.database,
      connectAddr: `${host}:${postgres.port}`,
      connectProtocol: 'tcp',
      user: postgres.user,
      password: '',
      maxConns: store.maxConns,
      maxIdleConns: store.maxConns,
      maxConnLifetime: '1h',
    },
  });
  const config = {
    // Every line to stdout, which the launcher writes to temporal.log; below warn a healthy server talks all day.
    log: { stdout: true, level: 'warn', format: 'json' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: historyShards,
      datastores: Object.fromEntries(stores.map((store) => [store.name, datastore(store)])),
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: host },
      metrics: { prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `${host}:${ports.metrics}` } },
    },
    services: {
      frontend: { rpc: { ...rpc(ports.frontendGrpc, ports.frontendMembership), httpPort: ports.frontendHttp } },
      history: { rpc: rpc(ports.historyGrpc, ports.historyMembership) },
      matching: { rpc: rpc(ports.matchingGrpc, ports.matchingMembership) },
      worker: { rpc: rpc(ports.workerGrpc, ports.workerMembership) },
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `${host}:${ports.frontendGrpc}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
  };
  return `# Rendered by scripts/temporal-cluster.ts on every start; edit that, not this.\n${JSON.stringify(config, null, 2)}\n`;
}

export class TemporalCluster {
  readonly postgres: PostgresServer;
  private server?: ChildProcess;
  private readonly binaries: TemporalServerBinaries;

  constructor(readonly options: TemporalClusterOptions) {
    this.binaries = ensureTemporalServer();
    this.postgres = new PostgresServer({
      dataDir: join(options.dataDir, 'postgres'),
      port: options.ports.postgres,
      logFile: join(options.logDir, 'postgres.log'),
    });
  }

  get grpcAddress() {
    return `${host}:${this.options.ports.frontendGrpc}`;
  }
  get httpUrl() {
    return `http://${host}:${this.options.ports.frontendHttp}`;
  }
  get metricsUrl() {
    return `http://${host}:${this.options.ports.metrics}/metrics`;
  }
  private get configFile() {
    return join(this.options.dataDir, 'temporal.yaml');
  }

  async start() {
    await this.startPostgres();
    await this.startTemporal();
  }

  async stop() {
    await this.stopTemporal();
    await this.stopPostgres();
  }

  startPostgres() {
    return this.postgres.start();
  }
  stopPostgres() {
    return this.postgres.stop();
  }
  killPostgres() {
    return this.postgres.kill();
  }
  restartPostgres() {
    return this.postgres.restart();
  }

  /** Brings the schema up to this server's version, then starts the server and waits until namespace `default` answers. */
  async startTemporal() {
    if (this.server && !hasExited(this.server)) return;
    const { ports, dataDir, logDir, historyShards = 4 } = this.options;
    for (const name of clusterPortNames.filter((name) => name !== 'postgres')) await assertPortFree(ports[name], `Temporal ${name}`);
    mkdirSync(dataDir, { recursive: true });
    await this.migrateSchema();
    writeFileSync(this.configFile, renderServerConfig(ports, this.postgres, historyShards));
    const server = spawnLogged(this.binaries.server, ['--config-file', this.configFile, '--allow-no-auth', 'start'], join(logDir, 'temporal.log'));
    this.server = server;
    try {
      await waitUntil('Temporal server', () => this.answers('/api/v1/cluster-info'), server, 120_000);
      await this.ensureDefaultNamespace();
      await waitUntil('namespace default', () => this.namespaceInUse(), server, 60_000);
    } catch (error) {
      await stopProcess(server, 'SIGKILL');
      throw new ToolchainError(`${error instanceof Error ? error.message : error} See ${join(logDir, 'temporal.log')}.`);
    }
  }

  /** A graceful stop: the server leaves its membership ring and closes its shards before it exits. */
  async stopTemporal() {
    await stopProcess(this.server, 'SIGTERM', 30_000);
    this.server = undefined;
  }

  /** A crash: nothing is handed back; the next start takes the shards over from the database. */
  async killTemporal() {
    await stopProcess(this.server, 'SIGKILL');
    this.server = undefined;
  }

  async restartTemporal() {
    await this.stopTemporal();
    await this.startTemporal();
  }

  /**
   * Creates the databases and brings both schemas to the newest version this server's SQL tool carries. Every step
   * is idempotent, so it runs on every start, and an upgraded server upgrades an older county's schema.
   */
  private async migrateSchema() {
    const logFile = join(this.options.logDir, 'schema.log');
    for (const store of stores) {
      const connection = ['--plugin', pluginName, '--endpoint', host, '--port', String(this.postgres.port), '--user', this.postgres.user, '--database', store.database];
      const steps = [
        ['create-database', '--defaultdb', 'postgres'],
        ['setup-schema', '--version', '0.0'],
        ['update-schema', '--schema-name', store.schema],
      ];
      for (const step of steps) {
        const tool = spawnLogged(this.binaries.sqlTool, [...connection, ...step], logFile);
        const code = await new Promise<number | null>((resolve) => tool.once('exit', resolve));
        if (code !== 0) throw new ToolchainError(`temporal-sql-tool ${step[0]} on ${store.database} failed (exit ${code}); see ${logFile}.`);
      }
    }
  }

  private async answers(path: string) {
    const response = await fetch(`${this.httpUrl}${path}`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok;
  }

  /**
   * Registered is not yet usable: each service learns of a new namespace from its own cache, refreshed every few
   * seconds, and until then refuses calls in it. A workflow that does not exist is looked up through all of them.
   */
  private async namespaceInUse() {
    const response = await fetch(`${this.httpUrl}/api/v1/namespaces/default/workflows/fengqiao-namespace-probe`, { signal: AbortSignal.timeout(2_000) });
    if (response.ok) return true;
    const body = (await response.json()) as { details?: { '@type'?: string }[] };
    const unknownNamespace = body.details?.some((detail) => detail['@type']?.endsWith('.NamespaceNotFoundFailure'));
    return response.status === 404 && !unknownNamespace;
  }

  /** The production server starts with no namespace; the edge and the workers use `default`. */
  private async ensureDefaultNamespace() {
    if (await this.answers('/api/v1/namespaces/default')) return;
    const response = await fetch(`${this.httpUrl}/api/v1/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ namespace: 'default', workflowExecutionRetentionPeriod: `${7 * 24 * 3600}s` }),
      signal: AbortSignal.timeout(10_000),
    });
    // 409: another start registered it meanwhile, which is what we wanted.
    if (!response.ok && response.status !== 409) throw new ToolchainError(`Registering namespace default failed: ${response.status} ${await response.text()}`);
    await response.body?.cancel();
  }
}
