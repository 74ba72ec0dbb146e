import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot, ToolchainError } from './temporal-cli';

/**
 * The property-based API fuzzer the API document is checked with (schemathesis, from PyPI), installed into the
 * project's cache .fuzz/ at `npm install`, pinned so a new release cannot change what a passing run means.
 */
export const fuzzerPackage = 'schemathesis==4.32.5';
const cacheDir = join(projectRoot, '.fuzz');
const binary = join(cacheDir, 'bin', 'st');

/** The environment the fuzzer runs in: its packages on the Python path, plus any extra directory (for hooks). */
export const fuzzerEnv = (...pythonPath: string[]) => ({
  ...process.env,
  PYTHONPATH: [cacheDir, ...pythonPath, process.env.PYTHONPATH].filter(Boolean).join(delimiter),
});

const runs = () => existsSync(binary) && spawnSync(binary, ['--version'], { stdio: 'ignore', env: fuzzerEnv() }).status === 0;

export function findFuzzer(): string | undefined {
  return runs() ? binary : undefined;
}

export function ensureFuzzer(): string {
  if (runs()) return binary;
  console.log(`Installing the API fuzzer (${fuzzerPackage}) into .fuzz/ from PyPI…`);
  for (const python of ['python3', 'python']) {
    const result = spawnSync(
      python,
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-script-location', '--upgrade', '--target', cacheDir, fuzzerPackage],
      { stdio: 'inherit' },
    );
    if (result.status === 0 && runs()) return binary;
  }
  throw new ToolchainError(`Could not install ${fuzzerPackage} with pip into .fuzz/; the API fuzz test needs Python 3.9+ with pip.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    const found = process.argv.includes('--install') ? ensureFuzzer() : findFuzzer();
    if (!found) throw new ToolchainError('The API fuzzer is not installed; run `npm install`.');
    console.log(`${spawnSync(found, ['--version'], { encoding: 'utf8', env: fuzzerEnv() }).stdout.trim()} at ${found}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
