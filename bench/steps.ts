/**
 * What a mediator's step costs beyond Temporal's own update, and beside a case read on the same edge. At each
 * concurrency, in alternating rounds on one stack: POST /api/cases/{id}/steps/submit-follow-up (a follow-up report on
 * an accepted hard case, which is allowed again and again), a bare update on a workflow that only answers it (over
 * Temporal's HTTP API as the edge sends it, and over gRPC), and GET /api/cases/{id}. Then every step answered 200
 * must be on its case's timeline exactly once.
 *
 * On the development stack, the county's, or both one after the other with their figures side by side at the end.
 *
 *   npm run bench:steps -- [--target both|development|county] [--steps 60] [--concurrency 1,8,16]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Stack } from '../scripts/stack';
import { tokenOf } from '../tests/support/stack';
import { acceptedHardCases, edgeCaller } from './support/accepted-cases';
import { bareUpdate, bareUpdateWorkflow } from './support/bare-update-workflow';
import { runClosedLoop } from './support/closed-loop';
import { positiveInt } from './support/figures';
import { RouteFigures } from './support/route-figures';
import { AnswerBreakdown } from './support/server-timing';
import { figuresOfTable, loadAverage, onEachTarget, printSideBySide, targetOption, targetsOf, type Figures } from './support/targets';

/** One at a time, a step's p50 at most this multiple of a bare update's; at concurrency 16, its p95 of a case read's. */
const targetStepOverBareP50 = 2;
const targetStepOverReadP95 = 3;
const oneAtATime = 1;
const crowded = 16;
// Several short rounds, each led by another measure, so a noisy neighbour (a test run, GC, SQLite checkpoints) hits all.
const rounds = 3;
/** How long a step answered may take to show on its timeline, should the edge have left its report to the worker. */
const settleMs = 60_000;

const { values: flags } = parseArgs({
  options: { ...targetOption, steps: { type: 'string', default: '60' }, concurrency: { type: 'string', default: '1,8,16' } },
});
const targets = targetsOf(flags.target);
const perLevel = positiveInt(flags.steps, '--steps');
const levels = flags.concurrency.split(',').map((level) => positiveInt(level.trim(), '--concurrency'));
const mostAtOnce = Math.max(...levels);
const warmupPerSide = 2 * mostAtOnce;

const measures = { step: 'step (edge)', bareHttp: 'bare update (HTTP API)', bareGrpc: 'bare update (gRPC)', read: 'case read (edge)' } as const;

/** Items handed out one to a caller at a time: no two callers work on one case or one workflow at once. */
function exclusive<T>(items: readonly T[]) {
  const free = [...items];
  return async (use: (item: T) => Promise<void>) => {
    const item = free.shift();
    if (item === undefined) throw new Error('more callers than items');
    try {
      await use(item);
    } finally {
      free.push(item);
    }
  };
}

// Once a process: the bench's own worker on each stack shares it.
Runtime.install({ logger: new DefaultLogger('WARN') });

async function measureSteps(stack: Stack, client: Client): Promise<Figures> {
  const run = Date.now().toString(36);
  const mediatorId = 'demo-mediator-ly';
  const caller = (id: string) => edgeCaller(stack, tokenOf(stack, id));
  const mediator = caller(mediatorId);
  const station = caller('demo-supervisor-ly');
  // Case reads spread over five tokens, so the per-caller rate limit never answers for the edge.
  const readers = ['demo-grid-ly', mediatorId, 'demo-supervisor-ly', 'demo-supervisor-xh', 'demo-admin'].map(caller);

  console.log(`Preparing ${mostAtOnce} accepted hard cases …`);
  const caseIds = await acceptedHardCases({ gridWorker: caller('demo-grid-ly'), station, mediator }, mediatorId, mostAtOnce);

  // The bare update runs on a worker of the bench's own, on a task queue of its own: the case worker registers no
  // workflow that is not the project's.
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  const taskQueue = `bench-bare-${run}`;
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./support/bare-update-workflow.ts', import.meta.url)),
  });

  // Closed however the run ends: a failed run on one target is followed by one on the other, in the same process.
  return worker.runUntil(async (): Promise<Figures> => {
    // As many bare workflows as cases, one a caller: Temporal caps the updates one execution takes in flight and in all.
    const bareIds = Array.from({ length: mostAtOnce }, (_, i) => `bench-bare-${run}-${i}`);
    await Promise.all(bareIds.map((workflowId) => client.workflow.start(bareUpdateWorkflow, { taskQueue, workflowId })));

    let stepCount = 0;
    /** Every step answered 200, by the report it carried: each must be on its case's timeline exactly once. */
    const answeredSteps: { caseId: string; report: string }[] = [];
    /** The update a step becomes, so the bare update carries as much as the edge's. */
    const stepLikeUpdate = (report: string) => ({ step: 'submit-follow-up', actor: { id: mediatorId, role: 'mediator', name: '赵调解员' }, payload: { report } });
    const jsonPayload = (value: unknown) => ({ metadata: { encoding: btoa('json/plain') }, data: Buffer.from(JSON.stringify(value)).toString('base64') });

    const onCase = exclusive(caseIds);
    const onBare = exclusive(bareIds);
    let readCount = 0;

    /** Where the edge's time went, by its Server-Timing header, one at a time and crowded: a step's, and a case read's. */
    const breakdowns = new Map(
      [oneAtATime, crowded].map((level) => [level, { [measures.step]: new AnswerBreakdown(), [measures.read]: new AnswerBreakdown() } as Record<string, AnswerBreakdown>]),
    );
    let measuringLevel = 0;
    const timed = async (figures: RouteFigures, name: string, send: () => Promise<{ status: number; body: string; timing?: string | null }>) => {
      const t0 = performance.now();
      try {
        const { status, body, timing } = await send();
        const ms = performance.now() - t0;
        figures.answered(name, [200], status, ms, body);
        if (status === 200) breakdowns.get(measuringLevel)?.[name]?.add(timing ?? null, ms);
        return status;
      } catch (error) {
        figures.unanswered(name, [200], error);
        return undefined;
      }
    };

    const sides = [
      {
        name: measures.step,
        attempt: (figures: RouteFigures) =>
          onCase(async (caseId) => {
            const report = `跟踪报送 ${run}-${++stepCount}`;
            const status = await timed(figures, measures.step, () => mediator(`/api/cases/${caseId}/steps/submit-follow-up`, { method: 'POST', body: { report } }));
            if (status === 200) answeredSteps.push({ caseId, report });
          }),
      },
      {
        name: measures.bareHttp,
        // The same call the edge's gateway makes for a step (workers/sync/gateway.ts), to the bare workflow.
        attempt: (figures: RouteFigures) =>
          onBare(async (workflowId) => {
            await timed(figures, measures.bareHttp, async () => {
              const response = await fetch(`${stack.temporalHttpUrl}/api/v1/namespaces/default/workflows/${workflowId}/update/${bareUpdate.name}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({
                  workflowExecution: { workflowId },
                  request: { meta: { updateId: crypto.randomUUID(), identity: 'fengqiao-bench' }, input: { args: { payloads: [jsonPayload(stepLikeUpdate(`bare ${run}`))] } } },
                  waitPolicy: { lifecycleStage: 'UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED' },
                }),
                signal: AbortSignal.timeout(30_000),
              });
              const body = await response.text();
              // Temporal answers 200 without an outcome when its wait ran out before the update completed.
              const completed = response.ok && (JSON.parse(body) as { outcome?: { success?: unknown } }).outcome?.success !== undefined;
              return { status: response.ok && !completed ? 0 : response.status, body };
            });
          }),
      },
      {
        name: measures.bareGrpc,
        attempt: (figures: RouteFigures) =>
          onBare(async (workflowId) => {
            await timed(figures, measures.bareGrpc, async () => {
              await client.workflow.getHandle(workflowId).executeUpdate(bareUpdate, { args: [stepLikeUpdate(`bare ${run}`)] });
              return { status: 200, body: '' };
            });
          }),
      },
      {
        name: measures.read,
        attempt: (figures: RouteFigures) => {
          const n = readCount++;
          return timed(figures, measures.read, () => readers[n % readers.length]!(`/api/cases/${caseIds[n % caseIds.length]}`)).then(() => undefined);
        },
      },
    ];

    console.log(`Warm-up: ${warmupPerSide} per measure at concurrency ${mostAtOnce} …`);
    const warmup = new RouteFigures();
    for (const side of sides) await runClosedLoop(mostAtOnce, { requests: warmupPerSide }, () => side.attempt(warmup));

    const loadBefore = loadAverage();
    console.log(`load average before measuring: ${loadBefore}`);
    const byLevel = new Map<number, RouteFigures>();
    for (const level of levels) {
      measuringLevel = level;
      const figures = new RouteFigures();
      byLevel.set(level, figures);
      // A round of fewer requests than callers never has them all waiting at once.
      if (Math.floor(perLevel / rounds) < level) console.log(`Concurrency ${level}: a round has fewer requests than callers; --steps ${rounds * level} or more keeps all ${level} busy`);
      for (let round = 0; round < rounds; round++) {
        const share = Math.floor(perLevel / rounds) + (round < perLevel % rounds ? 1 : 0);
        const order = [...sides.slice(round % sides.length), ...sides.slice(0, round % sides.length)];
        for (const side of order) {
          console.log(`Concurrency ${level}, round ${round + 1}/${rounds}: ${share} × ${side.name}`);
          await runClosedLoop(level, { requests: share }, () => side.attempt(figures));
        }
      }
    }
    const loadAfter = loadAverage();
    measuringLevel = 0;

    console.log(`\n${perLevel} per measure at each concurrency, ${rounds} rounds each led by another measure\n`);
    const rows: Record<string, Record<string, number | string>> = {};
    for (const [level, figures] of byLevel) {
      const table = figures.table();
      for (const name of Object.values(measures)) rows[`${name} ×${level}`] = table[name]!;
    }
    console.table(rows);
    for (const figures of [warmup, ...byLevel.values()]) for (const surprise of figures.surprises) console.log(`  unexpected: ${surprise}`);

    const ms = (level: number, name: string, column: 'p50 ms' | 'p95 ms') => byLevel.get(level)?.table()[name]?.[column] as number;
    const ratio = (level: number, column: 'p50 ms' | 'p95 ms', against: string) => ms(level, measures.step, column) / ms(level, against, column);
    for (const [level, byMeasure] of breakdowns) {
      for (const [name, breakdown] of Object.entries(byMeasure)) {
        if (!breakdown.count) continue;
        console.log(`\nWhere a ${name}'s time went at concurrency ${level} (the edge's Server-Timing, ${breakdown.count} answers)`);
        console.table(breakdown.table());
      }
    }
    console.log('\nA step against the others, at each concurrency');
    const ratios = Object.fromEntries(
      levels.map((level) => [
        `×${level}`,
        {
          'step p50 / bare HTTP p50': ratio(level, 'p50 ms', measures.bareHttp).toFixed(2),
          'step p50 / bare gRPC p50': ratio(level, 'p50 ms', measures.bareGrpc).toFixed(2),
          'step p95 / case read p95': ratio(level, 'p95 ms', measures.read).toFixed(2),
        },
      ]),
    );
    console.table(ratios);
    /** The ratio against its target, as printed: `1.42× met`. */
    const target = (label: string, level: number, column: 'p50 ms' | 'p95 ms', against: string, most: number) => {
      const name = `${label} at concurrency ${level} (target ≤ ${most}×)`;
      if (!byLevel.has(level)) {
        console.log(`${label}: not measured (no concurrency ${level} in --concurrency)`);
        return { [name]: 'not measured' };
      }
      const r = ratio(level, column, against);
      console.log(`${label} at concurrency ${level}: ${r.toFixed(2)}× (target ≤ ${most}×): ${r <= most ? 'met' : 'missed'}`);
      return { [name]: `${r.toFixed(2)}× ${r <= most ? 'met' : 'missed'}` };
    };
    const targetsMet = {
      ...target('step p50 / bare update (HTTP API) p50', oneAtATime, 'p50 ms', measures.bareHttp, targetStepOverBareP50),
      ...target('step p95 / case read p95', crowded, 'p95 ms', measures.read, targetStepOverReadP95),
    };

    const totals = [warmup, ...byLevel.values()].map((figures) => figures.totals());
    const serverErrors = totals.reduce((n, t) => n + t.serverErrors, 0);
    const otherwise = totals.reduce((n, t) => n + t.unexpected + t.rateLimited + t.unanswered, 0);
    console.log(`\n5xx ${serverErrors} (target 0), other answers than 200 (409, 429, none, a bare update not completed) ${otherwise}`);

    console.log(`\nLooking for the ${answeredSteps.length} steps answered 200 on their cases' timelines …`);
    const check = await stepsOnTimelines(answeredSteps, (caseId) => mediator(`/api/cases/${caseId}`));
    console.log(
      `steps answered ${answeredSteps.length}: on the timeline once ${check.once}, missing ${check.missing}, more than once ${check.doubled} (target: all once); ` +
        `on a timeline without an answer 200 ${check.unanswered}`,
    );
    console.log(`load average (1 / 5 / 15 min) before measuring ${loadBefore}, after ${loadAfter}`);

    const failures = [serverErrors && `${serverErrors} answers 5xx`, check.missing && `${check.missing} steps missing`, check.doubled && `${check.doubled} steps doubled`].filter(Boolean);
    console.log(failures.length ? `\nFAIL: ${failures.join('; ')}` : '\nPASS: 0 answers 5xx, every step answered on its timeline once');
    if (failures.length) process.exitCode = 1;

    return {
      ...figuresOfTable(rows, ['p50 ms', 'p95 ms', 'p99 ms']),
      ...figuresOfTable(ratios),
      ...targetsMet,
      '5xx (target 0)': serverErrors,
      'other answers than 200': otherwise,
      'steps answered 200': answeredSteps.length,
      'on the timeline once': check.once,
      'missing from the timeline (target 0)': check.missing,
      'on the timeline more than once (target 0)': check.doubled,
      'on a timeline without an answer 200': check.unanswered,
    };
  }).finally(() => connection.close());
}

const byTarget = await onEachTarget(targets, measureSteps);
printSideBySide(`bench:steps, ${perLevel} per measure at concurrency ${levels.join(', ')}`, targets, byTarget);

/**
 * Counts each answered step's report on its case's timeline, reading again for up to `settleMs` while any is missing.
 * Reports of this run's steps that no 200 answered (a 503 that may have been taken, a timeout) are counted apart.
 */
async function stepsOnTimelines(answered: readonly { caseId: string; report: string }[], read: (caseId: string) => Promise<{ status: number; body: string }>) {
  const deadline = Date.now() + settleMs;
  const caseIds = [...new Set(answered.map((step) => step.caseId))];
  for (;;) {
    const seen = new Map<string, number>();
    for (const caseId of caseIds) {
      const { status, body } = await read(caseId);
      if (status !== 200) throw new Error(`reading case ${caseId}: HTTP ${status} ${body.slice(0, 200)}`);
      const { timeline } = JSON.parse(body) as { timeline: { type: string; reason: string | null }[] };
      for (const event of timeline) if (event.type === 'step:submit-follow-up' && event.reason) seen.set(event.reason, (seen.get(event.reason) ?? 0) + 1);
    }
    const times = answered.map((step) => seen.get(step.report) ?? 0);
    const missing = times.filter((n) => n === 0).length;
    if (missing === 0 || Date.now() > deadline) {
      const mine = new Set(answered.map((step) => step.report));
      return { once: times.filter((n) => n === 1).length, missing, doubled: times.filter((n) => n > 1).length, unanswered: [...seen.keys()].filter((report) => !mine.has(report)).length };
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}
