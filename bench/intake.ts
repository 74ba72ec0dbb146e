/**
 * Does a grid worker wait on Temporal? POST /api/intake/grid (auth, the D1 batch; the workflow is started after the
 * answer) against a bare gRPC workflow start and the same start over Temporal's HTTP API, side by side on one stack
 * in alternating rounds. Then every case the intake answered for is looked for in D1 and in Temporal: none may be lost.
 *
 *   npm run bench:intake -- [--concurrency 8] [--requests 300]
 */
import { Client, Connection } from '@temporalio/client';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { caseWorkflowInputSchema, type CaseWorkflowInput } from '../schemas/workflow-input';
import { gridIntakeSchema } from '../schemas/intake';
import { defaultSlaPolicy } from '../domain/policy';
import { localDay } from '../domain/clocks/local-time';
import { caseWorkflowType } from '../schemas/workflow-names';
import { freshIntake, testStack, tokenOf } from '../tests/support/stack';

/** Intake p50 at most this share of a bare start's, and its throughput at least this multiple. */
const targetLatencyShare = 0.25;
const targetThroughputMultiple = 2;
const warmupPerSide = 20;
// Several short rounds in alternating order, so a noisy neighbour (a test run, GC, SQLite checkpoints) hits both sides.
const rounds = 3;

const { values: flags } = parseArgs({
  options: { concurrency: { type: 'string', default: '8' }, requests: { type: 'string', default: '300' } },
});
const concurrency = positiveInt(flags.concurrency, '--concurrency');
const requestsPerSide = positiveInt(flags.requests, '--requests');

function positiveInt(raw: string, name: string) {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

/** One attempt; resolves with an error text for a failure so one bad answer does not stop the run. */
type Attempt = () => Promise<string | undefined>;

interface Tally {
  latenciesMs: number[];
  busyMs: number;
  failures: number;
  firstErrors: Set<string>;
}

const newTally = (): Tally => ({ latenciesMs: [], busyMs: 0, failures: 0, firstErrors: new Set() });

/** Closed loop: `concurrency` callers, each sending its next request as soon as the last one answered. */
async function runClosedLoop(count: number, attempt: Attempt, tally: Tally) {
  let next = 0;
  const started = performance.now();
  const caller = async () => {
    while (next < count) {
      next++;
      const t0 = performance.now();
      const error = await attempt().catch((e: unknown) => String((e as Error)?.message ?? e));
      const elapsed = performance.now() - t0;
      if (error === undefined) {
        tally.latenciesMs.push(elapsed);
      } else {
        tally.failures++;
        if (tally.firstErrors.size < 3) tally.firstErrors.add(error.slice(0, 200));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, caller));
  tally.busyMs += performance.now() - started;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function summarize(tally: Tally) {
  const sorted = [...tally.latenciesMs].sort((a, b) => a - b);
  return {
    // Only successes count as throughput: a fast 500 is not a filed case.
    throughput: sorted.length / (tally.busyMs / 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    failures: tally.failures,
  };
}

type Summary = ReturnType<typeof summarize>;
const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const tableRow = (s: Summary) => ({ 'req/s': oneDecimal(s.throughput), 'p50 ms': oneDecimal(s.p50), 'p95 ms': oneDecimal(s.p95), failures: s.failures });

const stack = await testStack();
let connection: Connection | undefined;
try {
  console.log(`Starting the stack (logs in ${stack.options.dataDir}/logs) …`);
  await stack.start();

  const token = tokenOf(stack, 'demo-grid-ly');
  /** Every case the intake answered 201 for, warm-up included: each must end in D1 and in Temporal. */
  const answered: string[] = [];
  // Each filing at its own address: the same address again would be a repeat and land on the earlier case.
  const intake = v.parse(gridIntakeSchema, freshIntake('grid'));

  const fileGridCase: Attempt = async () => {
    const response = await fetch(`${stack.edgeUrl}/api/intake/grid`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(freshIntake('grid')),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (response.status !== 201) return `HTTP ${response.status}: ${text}`;
    const { id, status } = JSON.parse(text) as { id: string; status?: string };
    if (status !== 'queued' && status !== 'open') return `201 but status ${status}`;
    answered.push(id);
    return undefined;
  };

  connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection });
  let bareCounter = 0;
  const bareInput = (): CaseWorkflowInput => {
    const now = new Date();
    const day = localDay(now, defaultSlaPolicy.utcOffset).replaceAll('-', '');
    // A number the edge would never hand out (B prefix), so these never pass for real cases.
    return {
      caseId: crypto.randomUUID(),
      caseNumber: `XH-LY-${day}-B${String(++bareCounter).padStart(4, '0')}`,
      channel: 'grid',
      jurisdictionCode: 'XH-LY',
      filedAt: now.toISOString(),
      intake,
      policy: defaultSlaPolicy,
    };
  };
  // The workflow refuses a malformed input only after it started; check the shape here so the comparison is fair.
  v.parse(caseWorkflowInputSchema, bareInput());

  const startBare: Attempt = async () => {
    const input = bareInput();
    await client.workflow.start(caseWorkflowType, { taskQueue: stack.options.taskQueue, workflowId: input.caseId, args: [input] });
    return undefined;
  };

  // For reading the gap: the same start through Temporal's HTTP API, the transport the edge must use.
  const startOverHttp: Attempt = async () => {
    const input = bareInput();
    const payload = { metadata: { encoding: btoa('json/plain') }, data: Buffer.from(JSON.stringify(input)).toString('base64') };
    const response = await fetch(`${stack.temporalHttpUrl}/api/v1/namespaces/default/workflows/${input.caseId}`, {
      method: 'POST',
      body: JSON.stringify({ workflowType: { name: caseWorkflowType }, taskQueue: { name: stack.options.taskQueue }, input: { payloads: [payload] }, requestId: input.caseId }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return response.ok ? undefined : `HTTP ${response.status}: ${text.slice(0, 200)}`;
  };

  const sides = [
    { name: 'intake (edge)', attempt: fileGridCase, tally: newTally() },
    { name: 'bare start (gRPC)', attempt: startBare, tally: newTally() },
    { name: 'bare start (HTTP API)', attempt: startOverHttp, tally: newTally() },
  ] as const;

  console.log(`Warm-up: ${warmupPerSide} per side …`);
  for (const side of sides) await runClosedLoop(warmupPerSide, side.attempt, newTally());

  for (let round = 0; round < rounds; round++) {
    const share = Math.floor(requestsPerSide / rounds) + (round < requestsPerSide % rounds ? 1 : 0);
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      console.log(`Round ${round + 1}/${rounds}: ${share} × ${side.name} at concurrency ${concurrency}`);
      await runClosedLoop(share, side.attempt, side.tally);
    }
  }

  const [intakeStats, bareStats, httpStats] = sides.map((side) => summarize(side.tally)) as [Summary, Summary, Summary];
  console.log(`\n${requestsPerSide} requests per side, concurrency ${concurrency}, ${rounds} alternating rounds\n`);
  console.table({ [sides[0].name]: tableRow(intakeStats), [sides[1].name]: tableRow(bareStats), [sides[2].name]: tableRow(httpStats) });
  for (const side of sides) for (const error of side.tally.firstErrors) console.log(`  ${side.name} failure: ${error}`);

  const latencyShare = intakeStats.p50 / bareStats.p50;
  const throughputMultiple = intakeStats.throughput / bareStats.throughput;
  console.log(`\nintake p50 / bare gRPC start p50: ${latencyShare.toFixed(2)}× (target ≤ ${targetLatencyShare}×): ${latencyShare <= targetLatencyShare ? 'MET' : 'MISSED'}`);
  console.log(
    `intake / bare gRPC start throughput: ${throughputMultiple.toFixed(2)}× (target ≥ ${targetThroughputMultiple}×): ${throughputMultiple >= targetThroughputMultiple ? 'MET' : 'MISSED'}`,
  );

  // Lost: a case answered for that D1 does not hold, or that Temporal never got a workflow for (the outbox cron starts
  // what the answer's own start missed). Opened: its workflow's first report reached D1, as it does once the worker
  // works through the backlog the run left.
  console.log(`\nLooking for the ${answered.length} answered cases in D1 and in Temporal …`);
  const deadline = Date.now() + 180_000;
  const missing = new Set(answered);
  const unopened = new Set(answered);
  while (unopened.size && Date.now() < deadline) {
    for (const id of [...unopened]) {
      const response = await fetch(`${stack.edgeUrl}/api/cases/${id}`, { headers: { authorization: `Bearer ${token}` } });
      const status = response.status === 200 ? ((await response.json()) as { status: string }).status : undefined;
      if (missing.has(id) && status && (await client.workflow.getHandle(id).describe().then(() => true, () => false))) missing.delete(id);
      if (status && status !== 'queued') unopened.delete(id);
    }
    if (unopened.size) await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  console.log(`cases answered ${answered.length}, in D1 with a workflow in Temporal ${answered.length - missing.size}, opened by their workflow's first report ${answered.length - unopened.size}`);
  console.log(`lost ${missing.size} (target 0): ${missing.size === 0 ? 'MET' : 'MISSED'}`);
} catch (error) {
  console.error(error);
  console.error(`Stack logs: ${stack.options.dataDir}/logs`);
  process.exitCode = 1;
} finally {
  await connection?.close();
  await stack.stop();
}
