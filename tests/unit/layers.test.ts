import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const depcruise = join(root, 'node_modules/.bin/depcruise');

/** Runs the project's dependency rules over `folders` of `cwd`; the rules broken, as `rule: from → to`. */
function brokenRules(cwd: string, folders: string[]): string[] {
  let report: string;
  try {
    // The JSON report of the whole project is over a MiB, execFileSync's default buffer, which would cut it short.
    report = execFileSync(depcruise, [...folders, '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    // It exits non-zero when a rule is broken; the report is on stdout either way.
    report = (error as { stdout?: string }).stdout ?? '';
    if (!report) throw error;
  }
  const { summary } = JSON.parse(report) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`);
}

describe('the layers', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'fengqiao-layers-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('run one way in the project: workers → domain ← workflows, all → schemas, no cycles', () => {
    expect(brokenRules(root, ['domain', 'schemas', 'workers', 'workflows', 'db', 'scripts', 'server'])).toEqual([]);
  });

  it('refuse a rule that imports the edge or a framework, a workflow that imports the edge, a cycle, a feature that imports another, and a shared room that imports a feature', () => {
    const write = (path: string, text: string) => {
      mkdirSync(join(fixture, path, '..'), { recursive: true });
      writeFileSync(join(fixture, path), text);
    };
    symlinkSync(join(root, 'node_modules'), join(fixture, 'node_modules'));
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' } }));
    write('schemas/names.ts', "export const name = 'x';\n");
    write('workers/app.ts', "import { Hono } from 'hono';\nimport { name } from '../schemas/names';\nexport const app = new Hono().get('/', (c) => c.text(name));\n");
    write('domain/rule.ts', "import { app } from '../workers/app';\nimport { Hono } from 'hono';\nexport const rule = () => [app, Hono];\n");
    write('workflows/glue.ts', "import { app } from '../workers/app';\nexport const glue = app;\n");
    write('db/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    write('db/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
    write('workers/batches/batch-page.ts', "import { filing } from '../intake/file-and-start';\nimport { board } from '../board/board-page';\nexport const batch = [filing, board];\n");
    write('workers/intake/file-and-start.ts', "export const filing = 'filed';\n");
    write('workers/board/board-page.ts', "export const board = 'board';\n");
    write('workers/kit/layout.ts', "import { board } from '../board/board-page';\nexport const layout = board;\n");
    const broken = brokenRules(fixture, ['domain', 'schemas', 'workers', 'workflows', 'db']);
    expect(broken).toEqual(
      expect.arrayContaining([
        'domain-is-pure: domain/rule.ts → workers/app.ts',
        expect.stringMatching(/^no-frameworks-in-the-rules: domain\/rule\.ts → .*node_modules\/hono\//),
        'workflows-do-not-reach-the-edge: workflows/glue.ts → workers/app.ts',
        expect.stringMatching(/^no-cycles: db\/(a|b)\.ts/),
        'features-stand-apart: workers/batches/batch-page.ts → workers/board/board-page.ts',
        'shared-rooms-serve-the-features: workers/kit/layout.ts → workers/board/board-page.ts',
      ]),
    );
    // Filing a case is the one link between features that the domain makes.
    expect(broken.filter((rule) => rule.includes('workers/intake/file-and-start.ts'))).toEqual([]);
  });
});
