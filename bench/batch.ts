/**
 * A county's verification round through the whole stack: 73,133 instructions in 495 batches (the figures one county
 * reported), sent to POST /api/batches, each batch's workflow started and reporting back. Prints the throughput,
 * how long until every line was dispatched, and the count lost and doubled (targets: 0 and 0). A share of the
 * batches is sent twice on purpose, as a phone on a bad connection would.
 *
 *   npm run bench:batch -- [--instructions 73133] [--batches 495] [--concurrency 4] [--resend 0.05]
 */
import { Client, Connection } from '@temporalio/client';
import { parseArgs } from 'node:util';
import { instructionKinds } from '../schemas/vocabulary';
import { batchWorkflowType } from '../schemas/workflow-names';
import { testStack, tokenOf } from '../tests/support/stack';

const { values: flags } = parseArgs({
  options: {
    instructions: { type: 'string', default: '73133' },
    batches: { type: 'string', default: '495' },
    concurrency: { type: 'string', default: '4' },
    resend: { type: 'string', default: '0.05' },
  },
});
const positive = (raw: string, name: string) => {
  const n = Number(raw);
  if (!(n > 0)) throw new Error(`${name} must be a positive number, got ${raw}`);
  return n;
};
const instructionCount = Math.floor(positive(flags.instructions, '--instructions'));
const batchCount = Math.floor(positive(flags.batches, '--batches'));
const concurrency = Math.floor(positive(flags.concurrency, '--concurrency'));
const resendShare = Number(flags.resend);
const settleLimitMs = 15 * 60_000;

const run = Date.now().toString(36);
const checkKinds = instructionKinds.filter((kind) => kind !== 'dispute');
const assignees = ['demo-grid-ly', 'demo-mediator-ly'];

/** Batch n's lines: the instructions spread as evenly as the counts allow. */
function linesOf(n: number) {
  const from = Math.floor((n * instructionCount) / batchCount);
  const to = Math.floor(((n + 1) * instructionCount) / batchCount);
  return Array.from({ length: to - from }, (_, i) => ({
    kind: checkKinds[(from + i) % checkKinds.length],
    assigneeId: assignees[(from + i) % assignees.length],
    subject: `灵隐街道核查对象 ${from + i + 1} 号`,
  }));
}

function progress(done: number, total: number, what: string) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${what}`);
  if (done === total) process.stderr.write('\n');
}

const stack = await testStack();
let connection: Connection | undefined;
try {
  console.log(`Starting the stack (logs in ${stack.options.dataDir}/logs) …`);
  await stack.start();
  const token = tokenOf(stack, 'demo-supervisor-ly');
  const send = async (n: number) => {
    const response = await fetch(`${stack.edgeUrl}/api/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ batchId: `bench-${run}-${n}`, title: `核查批次 ${n + 1}`, lines: linesOf(n) }),
    });
    if (response.status !== 201 && response.status !== 200) throw new Error(`batch ${n}: ${response.status} ${(await response.text()).slice(0, 200)}`);
  };

  // Every batch once, and a share of them again: the second send must create nothing.
  const sends = [...Array.from({ length: batchCount }, (_, n) => n), ...Array.from({ length: Math.round(batchCount * resendShare) }, (_, i) => (i * 7) % batchCount)];
  let sent = 0;
  let next = 0;
  const failures: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < sends.length) {
        const n = sends[next++]!;
        await send(n).catch((error: unknown) => void failures.push(String((error as Error).message ?? error)));
        progress(++sent, sends.length, 'batches sent');
      }
    }),
  );
  const sendingSeconds = (performance.now() - started) / 1000;

  // Until every accepted line is dispatched by its batch's workflow (or the limit passes).
  const view = async (n: number) =>
    (await (await fetch(`${stack.edgeUrl}/api/batches/bench-${run}-${n}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      counts?: { lines: number; accepted: number; dispatched: number };
    };
  const deadline = Date.now() + settleLimitMs;
  const settled = new Map<number, { lines: number; accepted: number; dispatched: number }>();
  while (settled.size < batchCount && Date.now() < deadline) {
    for (let n = 0; n < batchCount; n++) {
      if (settled.has(n)) continue;
      const counts = (await view(n)).counts;
      if (counts && counts.dispatched >= counts.accepted) settled.set(n, counts);
    }
    progress(settled.size, batchCount, 'batches dispatched');
    if (settled.size < batchCount) await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  const dispatchedSeconds = (performance.now() - started) / 1000;

  let stored = 0;
  let dispatched = 0;
  let doubledLines = 0;
  for (let n = 0; n < batchCount; n++) {
    const counts = settled.get(n) ?? (await view(n)).counts;
    const expected = linesOf(n).length;
    stored += Math.min(counts?.lines ?? 0, expected);
    dispatched += counts?.dispatched ?? 0;
    doubledLines += Math.max(0, (counts?.lines ?? 0) - expected);
  }
  connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection });
  let workflows = 0;
  for await (const _ of client.workflow.list({ query: `WorkflowType = '${batchWorkflowType}'` })) workflows += 1;

  const lost = instructionCount - stored;
  console.log('');
  console.log(`instructions ${instructionCount} in ${batchCount} batches, ${sends.length - batchCount} batches sent twice, concurrency ${concurrency}`);
  console.log(`sending:      ${sendingSeconds.toFixed(1)} s, ${(instructionCount / sendingSeconds).toFixed(0)} instructions/s, ${failures.length} failed sends`);
  console.log(`dispatched:   ${dispatched} of ${instructionCount} lines by ${dispatchedSeconds.toFixed(1)} s`);
  console.log(`workflows:    ${workflows} batchDispatch executions for ${batchCount} batches`);
  console.log(`lost:         ${lost} (target 0) ${lost === 0 ? 'met' : 'MISSED'}`);
  const doubled = doubledLines + Math.max(0, workflows - batchCount);
  console.log(`doubled:      ${doubled} (target 0) ${doubled === 0 ? 'met' : 'MISSED'}`);
  for (const failure of failures.slice(0, 3)) console.log(`  ${failure}`);
} finally {
  await connection?.close();
  await stack.stop();
}
