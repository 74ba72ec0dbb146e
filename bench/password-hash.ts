/**
 * How long one password hash (scrypt, N=2^14, r=8, p=5) takes on Node and on workerd, side by side: a sign-in pays
 * it once, and on a Worker it is CPU time the plan counts. One warm-up, then a few hashes one after another on each.
 *
 * Deployed Workers stop their clocks while a script computes (they move only on I/O), so a hash could read 0 ms
 * inside the Worker; local workerd has moved them so far, but if it does not, the request is timed from Node,
 * outside, which adds the dispatch's own small cost. The table says which.
 *
 *   npm run bench:password -- [--hashes 10]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { hashPassword, passwordKdf } from '../workers/runtime/passwords';
import { oneDecimal, percentile, positiveInt } from './support/figures';

const { values: flags } = parseArgs({ options: { hashes: { type: 'string', default: '10' } } });
const hashes = positiveInt(flags.hashes, '--hashes');
const password = 'Tiáojiě-2025 调解';
const root = resolve(import.meta.dirname, '..');
const loadAverage = () => loadavg().map((n) => n.toFixed(2)).join(' / ');
const mib = (bytes: number) => oneDecimal(bytes / 1024 / 1024);

console.log(`scrypt ln=${passwordKdf.ln} r=${passwordKdf.r} p=${passwordKdf.p}, ${hashes} hashes after one warm-up on each side`);
console.log(`load average (1 / 5 / 15 min) before: ${loadAverage()}`);

type Row = { runtime: string; timedBy: string; samples: number[]; peakBefore?: number; peakAfter?: number };
const rows: Row[] = [];

// Node: timed where it runs.
{
  await hashPassword(password);
  // maxRSS is the process's high-water mark in KiB: the hashes' share is how far it rises.
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const samples: number[] = [];
  for (let i = 0; i < hashes; i++) {
    const started = performance.now();
    await hashPassword(password);
    samples.push(performance.now() - started);
  }
  rows.push({ runtime: `Node ${process.versions.node}`, timedBy: 'performance.now() in process', samples, peakBefore, peakAfter: process.resourceUsage().maxRSS * 1024 });
}

// workerd: the same module bundled into a Worker that hashes on each request and says how long its clocks saw.
{
  const bundled = await build({
    stdin: {
      contents: `
        import { hashPassword } from './workers/runtime/passwords';
        export default {
          async fetch() {
            const started = performance.now();
            const startedAt = Date.now();
            await hashPassword(${JSON.stringify(password)});
            return Response.json({ performanceMs: performance.now() - started, dateMs: Date.now() - startedAt });
          },
        };`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const mf = new Miniflare({ modules: true, script: bundled.outputFiles[0]!.text, compatibilityDate: '2025-01-01' });
  try {
    const hash = async () => {
      const started = performance.now();
      const answer = await mf.dispatchFetch('http://bench.local/');
      if (!answer.ok) throw new Error(`the Worker answered ${answer.status}: ${await answer.text()}`);
      const inside = (await answer.json()) as { performanceMs: number; dateMs: number };
      return { outside: performance.now() - started, ...inside };
    };
    await hash();
    const workerd = workerdProcess();
    const peakBefore = workerd && peakRss(workerd);
    const timings = [];
    for (let i = 0; i < hashes; i++) timings.push(await hash());
    const clocksMoved = timings.every((t) => t.performanceMs > 0 && t.dateMs > 0);
    rows.push({
      runtime: `workerd (miniflare ${readVersion('miniflare')})`,
      timedBy: clocksMoved ? 'performance.now() in the Worker' : 'the request, from Node (clocks in the Worker stood still)',
      samples: timings.map((t) => (clocksMoved ? t.performanceMs : t.outside)),
      peakBefore,
      peakAfter: workerd && peakRss(workerd),
    });
    if (!clocksMoved) {
      const seen = timings.map((t) => `${oneDecimal(t.performanceMs)}/${t.dateMs}`).join(', ');
      console.log(`inside the Worker, performance.now()/Date.now() saw (ms): ${seen}`);
    }
  } finally {
    await mf.dispose();
  }
}

console.table(
  rows.map((row) => {
    const sorted = [...row.samples].sort((a, b) => a - b);
    return {
      runtime: row.runtime,
      hashes: sorted.length,
      'p50 ms': oneDecimal(percentile(sorted, 50)),
      'min ms': oneDecimal(sorted[0]!),
      'max ms': oneDecimal(sorted.at(-1)!),
      'peak RSS MiB (before → after)': row.peakBefore && row.peakAfter ? `${mib(row.peakBefore)} → ${mib(row.peakAfter)}` : 'n/a',
      'timed by': row.timedBy,
    };
  }),
);
console.log(`load average (1 / 5 / 15 min) after: ${loadAverage()}`);

function readVersion(name: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The workerd process miniflare started for this script (Linux only): the child of ours named workerd. */
function workerdProcess(): number | undefined {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // "pid (comm) state ppid ...": the name may hold spaces, so read after its closing parenthesis.
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (parent === process.pid && name.startsWith('workerd')) return Number(entry);
      } catch {
        // The process ended while we looked.
      }
    }
  } catch {
    // No /proc: no memory figure for workerd.
  }
  return undefined;
}

/** The process's high-water mark of resident memory (VmHWM), in bytes. */
function peakRss(pid: number): number | undefined {
  const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) * 1024 : undefined;
}
