import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { projectRoot } from './temporal-cli';

/**
 * The pages' browser scripts, each bundled from its TypeScript (checked by tsconfig.browser.json) to one ES2017 IIFE
 * and written into a Worker module as a string, which the page inlines and the CSP allows by its hash.
 *
 * The written module is committed, not built at install or by wrangler's [build] command: a fresh clone then
 * type-checks, tests and runs without a step before it, and wrangler dev keeps its own watch of the Worker's imports
 * (a [build] command replaces that watch with one over a folder, and builds twice at every start of a test stack).
 * tests/unit/browser-bundles.test.ts fails when a written module differs from a fresh bundle of its source.
 */
export const browserScripts = [
  { source: 'workers/kit/intake-draft.browser.ts', module: 'workers/kit/intake-draft.bundle.ts', name: 'intakeDraftScript' },
] as const;

type BrowserScript = (typeof browserScripts)[number];

async function bundle(script: BrowserScript) {
  const result = await build({
    entryPoints: [join(projectRoot, script.source)],
    tsconfig: join(projectRoot, 'tsconfig.browser.json'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2017',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]!.text;
  // Inlined as it stands: a closing tag in it would end the <script> early.
  if (/<\/script/i.test(text)) throw new Error(`${script.source} bundles to text holding "</script".`);
  return text;
}

/** The module's text: the bundle as a template literal, so a change to the script reads as a diff of the script. */
export async function bundledModule(script: BrowserScript) {
  const literal = (await bundle(script)).replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  return [
    `// Written by scripts/bundle-browser.ts from ${script.source.split('/').pop()}: edit that, then \`npm run bundle:browser\`.`,
    `export const ${script.name} = \`${literal}\`;`,
    '',
  ].join('\n');
}

export const writtenModule = (script: BrowserScript) => readFileSync(join(projectRoot, script.module), 'utf8');

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  for (const script of browserScripts) {
    const text = await bundledModule(script);
    writeFileSync(join(projectRoot, script.module), text);
    console.log(`${script.module}: ${text.length} characters`);
  }
}
