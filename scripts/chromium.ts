import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the Chromium the browser tests drive: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then `chromium` on
 * PATH; else installs Debian's package (a browser download from elsewhere would not reach this machine's network).
 */
const debianChromium = '/usr/bin/chromium';

function onPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'chromium');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function findChromium(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : undefined;
  return existsSync(debianChromium) ? debianChromium : onPath();
}

const apt = (args: string[]) =>
  spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;

/** Installs Debian's chromium when this is a Debian machine and we may; says what to do otherwise. */
export function ensureChromium(): string | undefined {
  const found = findChromium();
  if (found) return found;
  const mayInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (mayInstall) {
    console.log("Chromium not found; installing Debian's chromium for the browser tests…");
    if (apt(['update']) && apt(['install', '-y', '--no-install-recommends', 'chromium'])) return findChromium();
  }
  console.warn(
    "Chromium not found and not installed: the browser tests need it. Install Debian's (`apt-get install chromium`) " +
      'or set CHROMIUM_PATH to a Chromium binary.',
  );
  return undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const binary = process.argv.includes('--install') ? ensureChromium() : findChromium();
  if (binary) console.log(`Chromium at ${binary}`);
}
