import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertPortFree, hasExited, spawnLogged, stopProcess, waitUntil } from './processes';
import { ToolchainError } from './temporal-cli';

/**
 * The PostgreSQL the county target's Temporal server keeps its history in: found as $PG_BIN, `pg_config --bindir`,
 * or the newest /usr/lib/postgresql/<version>/bin; installed from Debian when missing and we may.
 */
const serverBinaries = ['initdb', 'postgres', 'pg_isready'];
const hasServerBinaries = (dir: string) => serverBinaries.every((name) => existsSync(join(dir, name)));

function pgConfigBindir(): string | undefined {
  const result = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function newestDebianBindir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => join(root, version, 'bin')).find(hasServerBinaries);
}

export function findPostgresBin(): string | undefined {
  const configured = process.env.PG_BIN;
  if (configured) {
    if (!hasServerBinaries(configured)) throw new ToolchainError(`PG_BIN=${configured} lacks ${serverBinaries.join(', ')}; point it at PostgreSQL's bin directory or unset it.`);
    return configured;
  }
  // Debian's pg_config may come from libpq-dev alone and name a directory without the server in it.
  const fromPgConfig = pgConfigBindir();
  return fromPgConfig && hasServerBinaries(fromPgConfig) ? fromPgConfig : newestDebianBindir();
}

const apt = (args: string[]) =>
  spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;

export function ensurePostgres(): string {
  const found = findPostgresBin();
  if (found) return found;
  const mayInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (mayInstall) {
    console.log("PostgreSQL not found; installing Debian's postgresql for the county target…");
    if (apt(['update']) && apt(['install', '-y', '--no-install-recommends', 'postgresql'])) {
      const installed = findPostgresBin();
      if (installed) return installed;
    }
  }
  throw new ToolchainError(
    "PostgreSQL not found: the county target's Temporal server needs it. Install it (`apt-get install postgresql`) " +
      'or set PG_BIN to the directory holding initdb and postgres.',
  );
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => (hasExited(child) ? resolve(child.exitCode) : child.once('exit', resolve)));

export interface PostgresOptions {
  /** The cluster's own directory (initdb's -D); created on first start. Its unix socket lives in it too. */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Where initdb's and the server's output go. */
  logFile: string;
}

/** PostgreSQL refuses to run as root; as root we run its server binaries as the `postgres` system user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new ToolchainError('Running as root, PostgreSQL needs the `postgres` system user (Debian\'s package creates it); create it or run as another user.');
  }
}

const isUnder = (path: string, root: string) => !relative(resolve(root), resolve(path)).startsWith('..');

/**
 * The server user must be able to pass through every directory above its data. mkdtemp makes 0700 directories, so a
 * temporary parent gets the search bit for others (not the read bit: nobody can list it); elsewhere we would rather
 * say so than open up someone's home.
 */
function letReach(dir: string, user: { uid: number; gid: number }) {
  for (let parent = dirname(resolve(dir)); ; parent = dirname(parent)) {
    const { mode, uid, gid } = statSync(parent);
    const reachable = mode & 0o001 || (uid === user.uid && mode & 0o100) || (gid === user.gid && mode & 0o010);
    if (!reachable) {
      if (!isUnder(parent, tmpdir())) {
        throw new ToolchainError(`The postgres user cannot reach ${dir}: ${parent} is closed to it. Choose a data directory it can reach, or \`chmod o+x ${parent}\`.`);
      }
      chmodSync(parent, (mode & 0o7777) | 0o001);
    }
    if (parent === dirname(parent)) return;
  }
}

export class PostgresServer {
  readonly user = 'postgres';
  private child?: ChildProcess;
  private readonly bin: string;
  private readonly runAs = serverUser();

  constructor(readonly options: PostgresOptions) {
    this.bin = ensurePostgres();
  }

  get port() {
    return this.options.port;
  }

  /** For clients (psql, pg_dump, the SQL tool): they connect over TCP, so they may run as anyone. */
  get connectionEnv() {
    return { PGHOST: '127.0.0.1', PGPORT: String(this.port), PGUSER: this.user };
  }

  binary(name: string) {
    return join(this.bin, name);
  }

  get running() {
    return this.child !== undefined && !hasExited(this.child);
  }

  private prepareDataDir() {
    const { dataDir, logFile } = this.options;
    if (existsSync(join(dataDir, 'PG_VERSION'))) return;
    mkdirSync(dirname(dataDir), { recursive: true });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (this.runAs) {
      letReach(dataDir, this.runAs);
      chownSync(dataDir, this.runAs.uid, this.runAs.gid);
    }
    // Trust is safe only because the server listens on loopback alone (see start).
    const args = ['-D', dataDir, '-U', this.user, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'];
    const result = spawnSync(this.binary('initdb'), args, { ...this.runAs, encoding: 'utf8', env: this.serverEnv });
    if (result.status !== 0) throw new ToolchainError(`initdb failed (exit ${result.status}): ${result.stderr || result.error?.message}\nSee ${logFile}.`);
  }

  private get serverEnv(): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH, LANG: 'C.UTF-8', HOME: this.options.dataDir };
  }

  private spawnServer() {
    const { dataDir, logFile } = this.options;
    const args = ['-D', dataDir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`];
    // Temporal opens a pool per service per store; the default 100 leaves too little room beside psql and pg_dump.
    args.push('-c', 'max_connections=200');
    return spawnLogged(this.binary('postgres'), args, logFile, { ...this.runAs, env: this.serverEnv });
  }

  private accepting = async () => {
    const probe = spawn(this.binary('pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(this.port), '-U', this.user, '-d', 'postgres'], { stdio: 'ignore' });
    return (await exitOf(probe)) === 0;
  };

  async start() {
    if (this.running) return;
    await assertPortFree(this.port, 'PostgreSQL');
    this.prepareDataDir();
    // After a SIGKILL the old server's processes may hold its shared memory for a moment; the new one refuses to
    // start until they are gone, so an early exit is tried again for a while.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const child = this.spawnServer();
      this.child = child;
      try {
        await waitUntil('PostgreSQL', this.accepting, child, 60_000);
        return;
      } catch (error) {
        if (!hasExited(child) || Date.now() > deadline) {
          await stopProcess(child, 'SIGKILL');
          throw new ToolchainError(`${error instanceof Error ? error.message : error} See ${this.options.logFile}.`);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** Fast shutdown: open sessions are ended, everything committed is on disk. */
  async stop() {
    await stopProcess(this.child, 'SIGINT');
    this.child = undefined;
  }

  /** A crash: no checkpoint, the next start replays the write-ahead log. */
  async kill() {
    await stopProcess(this.child, 'SIGKILL');
    this.child = undefined;
  }

  async restart() {
    await this.stop();
    await this.start();
  }

  /** One statement through psql; tuples only, unaligned, so a value reads back as itself. */
  psql(sql: string, database = 'postgres'): string {
    return execFileSync(this.binary('psql'), ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-d', database, '-c', sql], {
      encoding: 'utf8',
      env: { ...process.env, ...this.connectionEnv },
    }).trim();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    const bin = process.argv.includes('--install') ? ensurePostgres() : findPostgresBin();
    if (!bin) throw new ToolchainError('PostgreSQL not found; run `npm install` or set PG_BIN.');
    console.log(`PostgreSQL at ${bin}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
