/**
 * Does a grid worker wait on Temporal? POST /api/intake/grid (auth, the D1 batch; the workflow is started after the
 * answer) against a bare gRPC workflow start and the same start over Temporal's HTTP API, side by side on one stack
 * in alternating rounds. Then every case the intake answered for is looked for in D1 and in Temporal: none may be lost.
 *
 * Then, one at a time, a filing against a case read on the same edge, with where the edge's time went (Server-Timing).
 *
 * On the development stack, the county's, or both one after the other with their figures side by side at the end.
 *
 *   npm run bench:intake -- [--target both|development|county] [--concurrency 8] [--requests 300] [--one-at-a-time 40]
 */
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import * as v from 'valibot';
import { caseWorkflowInputSchema, type CaseWorkflowInput } from '../schemas/workflow-input';
import { gridIntakeSchema } from '../schemas/intake';
import { defaultSlaPolicy } from '../domain/policy';
import { localDay } from '../domain/clocks/local-time';
import { caseWorkflowType } from '../schemas/workflow-names';
import type { Stack } from '../scripts/stack';
import { freshIntake, tokenOf } from '../tests/support/stack';
import { lookForAnsweredCases } from './support/answered-cases';
import { newTally, runClosedLoop, timedInto, type Attempt, type Tally } from './support/closed-loop';
import { oneDecimal, percentile, positiveInt } from './support/figures';
import { AnswerBreakdown } from './support/server-timing';
import { figuresOfTable, loadAverage, onEachTarget, printSideBySide, targetOption, targetsOf, type Figures } from './support/targets';

/** Intake p50 at most this share of a bare start's, and its throughput at least this multiple. */
const targetLatencyShare = 0.25;
const targetThroughputMultiple = 2;
/** One at a time, a filing's p50 at most this multiple of a case read's. */
const targetSingleOverRead = 2;
const warmupPerSide = 20;
// Several short rounds in alternating order, so a noisy neighbour (a test run, GC, SQLite checkpoints) hits both sides.
const rounds = 3;

const { values: flags } = parseArgs({
  options: {
    ...targetOption,
    concurrency: { type: 'string', default: '8' },
    requests: { type: 'string', default: '300' },
    'one-at-a-time': { type: 'string', default: '40' },
  },
});
const targets = targetsOf(flags.target);
const singles = positiveInt(flags['one-at-a-time'], '--one-at-a-time');
const concurrency = positiveInt(flags.concurrency, '--concurrency');
const requestsPerSide = positiveInt(flags.requests, '--requests');

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
const tableRow = (s: Summary) => ({ 'req/s': oneDecimal(s.throughput), 'p50 ms': oneDecimal(s.p50), 'p95 ms': oneDecimal(s.p95), failures: s.failures });

async function measureIntake(stack: Stack, client: Client): Promise<Figures> {
  const token = tokenOf(stack, 'demo-grid-ly');
  /** Every case the intake answered 201 for, warm-up included: each must end in D1 and in Temporal. */
  const answered: string[] = [];
  // Each filing at its own address: the same address again would be a repeat and land on the earlier case.
  const intake = v.parse(gridIntakeSchema, freshIntake('grid'));

  /** Set for the one-at-a-time phase: where each answer's time went. */
  let breakdowns: { filing: AnswerBreakdown; read: AnswerBreakdown } | undefined;

  const fileGridCase: Attempt = async () => {
    const t0 = performance.now();
    const response = await fetch(`${stack.edgeUrl}/api/intake/grid`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(freshIntake('grid')),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (response.status !== 201) return `HTTP ${response.status}: ${text}`;
    breakdowns?.filing.add(response.headers.get('server-timing'), performance.now() - t0);
    const { id, status } = JSON.parse(text) as { id: string; status?: string };
    if (status !== 'queued' && status !== 'open') return `201 but status ${status}`;
    answered.push(id);
    return undefined;
  };

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
  for (const side of sides) await runClosedLoop(concurrency, { requests: warmupPerSide }, timedInto(newTally(), side.attempt));

  console.log(`load average before measuring: ${loadAverage()}`);
  for (let round = 0; round < rounds; round++) {
    const share = Math.floor(requestsPerSide / rounds) + (round < requestsPerSide % rounds ? 1 : 0);
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      console.log(`Round ${round + 1}/${rounds}: ${share} × ${side.name} at concurrency ${concurrency}`);
      side.tally.busyMs += await runClosedLoop(concurrency, { requests: share }, timedInto(side.tally, side.attempt));
    }
  }

  const [intakeStats, bareStats, httpStats] = sides.map((side) => summarize(side.tally)) as [Summary, Summary, Summary];
  const sideTable = { [sides[0].name]: tableRow(intakeStats), [sides[1].name]: tableRow(bareStats), [sides[2].name]: tableRow(httpStats) };
  console.log(`\n${requestsPerSide} requests per side, concurrency ${concurrency}, ${rounds} alternating rounds\n`);
  console.table(sideTable);
  for (const side of sides) for (const error of side.tally.firstErrors) console.log(`  ${side.name} failure: ${error}`);

  const latencyShare = intakeStats.p50 / bareStats.p50;
  const throughputMultiple = intakeStats.throughput / bareStats.throughput;
  console.log(`\nintake p50 / bare gRPC start p50: ${latencyShare.toFixed(2)}× (target ≤ ${targetLatencyShare}×): ${latencyShare <= targetLatencyShare ? 'MET' : 'MISSED'}`);
  console.log(
    `intake / bare gRPC start throughput: ${throughputMultiple.toFixed(2)}× (target ≥ ${targetThroughputMultiple}×): ${throughputMultiple >= targetThroughputMultiple ? 'MET' : 'MISSED'}`,
  );

  // One at a time: a filing against a read of a case just filed, alternating, with the edge's breakdown of each.
  breakdowns = { filing: new AnswerBreakdown(), read: new AnswerBreakdown() };
  const readCase: Attempt = async () => {
    const t0 = performance.now();
    const response = await fetch(`${stack.edgeUrl}/api/cases/${answered.at(-1)}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
    await response.text();
    if (response.status !== 200) return `HTTP ${response.status}`;
    breakdowns?.read.add(response.headers.get('server-timing'), performance.now() - t0);
    return undefined;
  };
  console.log(`\nOne at a time: ${singles} filings and ${singles} case reads, alternating …`);
  const single = { filing: newTally(), read: newTally() };
  for (let i = 0; i < singles; i++) {
    await timedInto(single.filing, fileGridCase)();
    await timedInto(single.read, readCase)();
  }
  const [filingOne, readOne] = [summarize(single.filing), summarize(single.read)];
  const latencies = (s: Summary) => ({ 'p50 ms': oneDecimal(s.p50), 'p95 ms': oneDecimal(s.p95), failures: s.failures });
  const singleTable = { 'intake (edge), one at a time': latencies(filingOne), 'case read (edge), one at a time': latencies(readOne) };
  console.table(singleTable);
  console.log('\nWhere a filing’s time went, one at a time (the edge’s Server-Timing)');
  console.table(breakdowns.filing.table());
  console.log('Where a case read’s time went, one at a time');
  console.table(breakdowns.read.table());
  const singleRatio = filingOne.p50 / readOne.p50;
  console.log(`one filing at a time p50 / case read p50: ${singleRatio.toFixed(2)}× (target ≤ ${targetSingleOverRead}×): ${singleRatio <= targetSingleOverRead ? 'MET' : 'MISSED'}`);
  breakdowns = undefined;
  console.log(`load average after measuring: ${loadAverage()}`);

  // Lost: a case answered for that D1 does not hold, or that Temporal never got a workflow for (the outbox cron starts
  // what the answer's own start missed).
  console.log(`\nLooking for the ${answered.length} answered cases in D1 and in Temporal …`);
  const found = await lookForAnsweredCases(stack, client, token, answered, 180_000);
  console.log(`cases answered ${found.answered}, in D1 with a workflow in Temporal ${found.kept}, opened by their workflow's first report ${found.opened}`);
  console.log(`lost ${found.lost.length} (target 0): ${found.lost.length === 0 ? 'MET' : 'MISSED'}`);

  const verdict = (ratio: number, met: boolean) => `${ratio.toFixed(2)}× ${met ? 'MET' : 'MISSED'}`;
  return {
    ...figuresOfTable(sideTable),
    [`intake p50 / bare gRPC start p50 (target ≤ ${targetLatencyShare}×)`]: verdict(latencyShare, latencyShare <= targetLatencyShare),
    [`intake / bare gRPC start throughput (target ≥ ${targetThroughputMultiple}×)`]: verdict(throughputMultiple, throughputMultiple >= targetThroughputMultiple),
    ...figuresOfTable(singleTable),
    [`one filing at a time p50 / case read p50 (target ≤ ${targetSingleOverRead}×)`]: verdict(singleRatio, singleRatio <= targetSingleOverRead),
    'cases answered': found.answered,
    'in D1 with a workflow in Temporal': found.kept,
    "opened by their workflow's first report": found.opened,
    'cases lost (target 0)': found.lost.length,
  };
}

const byTarget = await onEachTarget(targets, measureIntake);
printSideBySide(`bench:intake, ${requestsPerSide} requests per side at concurrency ${concurrency}, ${singles} one at a time`, targets, byTarget);
