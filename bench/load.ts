/**
 * The stack under a day's mixed work, on loopback for a bounded time: filings on the four channels, each with its
 * Idempotency-Key and now and then sent again; the station dispatching the cases filed and the mediator taking them
 * through their steps; lists and searches over the API; cases read; the mediator's queue, the overdue board and case
 * pages on session cookies. Prints the throughput, per route the count and p50/p95/p99, the 5xx (target 0) with the
 * 429s and other unexpected answers apart, and the cases lost (target 0): every case an intake answered for must be
 * in D1 and, once the outbox has delivered, have its workflow in Temporal.
 *
 * On the development stack, the county's, or both one after the other: then, with their figures side by side, the
 * county's throughput over the development stack's (target ≥ 1: several shards on PostgreSQL are not slower than the
 * dev server's one) and 0 5xx, 0 lost on each.
 *
 *   npm run bench:load -- [--target both|development|county] [--seconds 60] [--concurrency 16]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import * as v from 'valibot';
import { unstable_readConfig } from 'wrangler';
import { stepExamples, type StepName } from '../schemas/steps';
import { channels, type Channel } from '../schemas/vocabulary';
import type { Stack } from '../scripts/stack';
import { projectRoot } from '../scripts/temporal-cli';
import { countyEdgeEnvSchema } from '../server/settings';
import { newMarker } from '../tests/support/case-lists';
import { freshIntake, sessionCookieOf, tokenOf, type StackTarget } from '../tests/support/stack';
import { lookForAnsweredCases } from './support/answered-cases';
import { runClosedLoop } from './support/closed-loop';
import { oneDecimal, positiveInt } from './support/figures';
import { RouteFigures } from './support/route-figures';
import { figuresOfTable, onEachTarget, printSideBySide, targetOption, targetsOf, type Figures } from './support/targets';

const { values: flags } = parseArgs({
  options: { ...targetOption, seconds: { type: 'string', default: '60' }, concurrency: { type: 'string', default: '16' } },
});
const targets = targetsOf(flags.target);
const seconds = positiveInt(flags.seconds, '--seconds');
const concurrency = positiveInt(flags.concurrency, '--concurrency');

/** Of every 100 operations, how many of each kind. */
const mix = { intake: 25, step: 20, list: 20, readCase: 15, page: 20 } as const;
/** Every tenth filing is an earlier one sent again with its key, as from a phone on a bad connection. */
const replayEvery = 10;
/** How long the answered cases may take, once the load stops, to reach Temporal and be opened by their workflows. */
const settleMs = 60_000;

/**
 * The limit as deployed: on Cloudflare wrangler.toml's `[[ratelimits]]`, on a county's servers FENGQIAO_CALLER_LIMIT
 * (the edge inherits this process's environment) per the 10 s window server/edge.ts opens it with. The callers below
 * share the load so none comes near it.
 */
function callerLimitOn(target: StackTarget): { limit: number; period: number } | undefined {
  if (target === 'county') return { limit: v.parse(countyEdgeEnvSchema.entries.FENGQIAO_CALLER_LIMIT, process.env.FENGQIAO_CALLER_LIMIT), period: 10 };
  return unstable_readConfig({ config: join(projectRoot, 'wrangler.toml') }).ratelimits?.[0]?.simple;
}

/** Who sends a request: a bearer token or a page session, each a caller of its own to the rate limit. */
interface Caller {
  name: string;
  headers: Record<string, string>;
  sentAtMs: number[];
}

/** The caller of a pool who has sent the fewest so far, so that the load spreads over every caller who may send it. */
const leastBusy = (pool: readonly Caller[]) => pool.reduce((a, b) => (b.sentAtMs.length < a.sentAtMs.length ? b : a));

/** The most requests a caller sent within any one window of the limit's period. */
function busiestWindow(sentAtMs: readonly number[], periodMs: number) {
  let most = 0;
  for (let from = 0, to = 0; to < sentAtMs.length; to++) {
    while (sentAtMs[to]! - sentAtMs[from]! >= periodMs) from++;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

interface Filing {
  caller: Caller;
  channel: Channel;
  key: string;
  body: string;
  id?: string;
}

interface FiledCase {
  id: string;
  filedAtMs: number;
  /** The status the last answer about it showed. */
  status: string;
  marker: string;
  nextStep: number;
  /** A step on its way: one step at a time per case, as one mediator takes them. */
  busy: boolean;
}

/**
 * A case's steps in order, from the dispatch on: a step refused now (409) is a normal answer, and the next one follows.
 * The station dispatches each case to the mediator first, and the mediator accepts it before working it: a mediator
 * steps only a case dispatched to them and accepted, so these two are taken again until they are taken (`untilTaken`),
 * and no mediator's step goes to a case that is not yet theirs.
 */
const stepPlan: { step: StepName; by: 'dispatcher' | 'mediator'; payload: object; untilTaken?: true }[] = [
  // A plain dispatch: departments are named on joint routes only.
  { step: 'assign', by: 'dispatcher', payload: { mediatorId: 'demo-mediator-ly' }, untilTaken: true },
  { step: 'accept', by: 'mediator', payload: stepExamples.accept, untilTaken: true },
  ...(['record-contact', 'schedule-session', 'record-session', 'record-agreement'] as const).map((step) => ({
    step,
    by: 'mediator' as const,
    payload: stepExamples[step],
  })),
];

const listQueries = ['sort=overdue', 'sort=nearestDue', 'sort=newest', 'status=all&sort=newest', 'status=open&sort=nearestDue', 'channel=online', 'hard=1', 'overdue=1', 'mine=1', 'category=neighbour&limit=20'];
const boardQueries = ['', '?overdue=1', '?sort=newest', '?status=open&sort=nearestDue', `?q=${encodeURIComponent('白乐桥村')}`];
const broadSearches = ['白乐桥村', '张某'];

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];
const statusIn = (body: string) => {
  try {
    return (JSON.parse(body) as { status?: string }).status;
  } catch {
    return undefined;
  }
};

async function measureLoad(stack: Stack, client: Client, target: StackTarget): Promise<Figures> {
  const run = Date.now().toString(36);

  const bearer = (id: string): Caller => ({ name: `${id} (token)`, headers: { authorization: `Bearer ${tokenOf(stack, id)}` }, sentAtMs: [] });
  const session = async (id: string, n: number): Promise<Caller> => ({ name: `${id} (session ${n})`, headers: { cookie: await sessionCookieOf(stack, id) }, sentAtMs: [] });
  const [gridWorker, mediator, station, county, admin] = ['demo-grid-ly', 'demo-mediator-ly', 'demo-supervisor-ly', 'demo-supervisor-xh', 'demo-admin'].map(bearer) as [Caller, Caller, Caller, Caller, Caller];
  // Everyone here may file and read the station's cases; the station's grid cell lies within each one's jurisdiction.
  const apiCallers = [gridWorker, mediator, station, county, admin];
  const dispatchers = [station, county];
  const mediatorPages = [await session('demo-mediator-ly', 1), await session('demo-mediator-ly', 2)];
  const supervisorPages = [await session('demo-supervisor-ly', 1), await session('demo-supervisor-ly', 2), await session('demo-supervisor-xh', 1)];
  const casePages = [...mediatorPages, ...supervisorPages];

  const figures = new RouteFigures();
  async function send(route: string, expected: readonly number[], caller: Caller, path: string, init: RequestInit = {}) {
    const t0 = performance.now();
    caller.sentAtMs.push(t0);
    try {
      const response = await fetch(`${stack.edgeUrl}${path}`, {
        ...init,
        redirect: 'manual',
        headers: { ...caller.headers, ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string>) },
        signal: AbortSignal.timeout(30_000),
      });
      const body = await response.text();
      figures.answered(route, expected, response.status, performance.now() - t0, body);
      return { status: response.status, body };
    } catch (error) {
      figures.unanswered(route, expected, error);
      return undefined;
    }
  }

  const filings: Filing[] = [];
  const cases = new Map<string, FiledCase>();
  const caseList: FiledCase[] = [];
  let filingCount = 0;
  let replays = 0;
  let replaysElsewhere = 0;

  function newFiling(n: number): Filing {
    const channel = channels[n % channels.length]!;
    const intake = freshIntake(channel);
    // A number of its own in the address: a search for it finds this case alone.
    const marker = newMarker();
    intake.where.address = `${intake.where.address} 第${marker}号`;
    // Half of them without the example's risk flag: ordinary cases beside hard ones.
    if (n % 2) intake.riskFlags = [];
    return { caller: leastBusy(apiCallers), channel, key: `load-${run}-${n}`, body: JSON.stringify(intake) };
  }

  async function fileIntake() {
    const n = filingCount++;
    const earlier = n % replayEvery === replayEvery - 1 ? pick(filings) : undefined;
    const filing = earlier ?? newFiling(n);
    const answer = await send('POST /api/intake/{channel}', [200, 201], filing.caller, `/api/intake/${filing.channel}`, {
      method: 'POST',
      headers: { 'idempotency-key': filing.key },
      body: filing.body,
    });
    if (answer?.status !== 200 && answer?.status !== 201) return;
    const { id, status } = JSON.parse(answer.body) as { id: string; status: string };
    if (earlier) {
      replays++;
      if (id !== earlier.id) replaysElsewhere++;
      return;
    }
    filings.push({ ...filing, id });
    if (cases.has(id)) return;
    const filed = { id, filedAtMs: performance.now(), status, marker: /第(\d+)号/.exec(filing.body)![1]!, nextStep: 0, busy: false };
    cases.set(id, filed);
    caseList.push(filed);
  }

  /** The oldest case that still showed as queued a second after its filing, or else any case. */
  async function readCase() {
    const waiting = caseList.find((c) => c.status === 'queued' && performance.now() - c.filedAtMs > 1_000);
    const chosen = waiting ?? pick(caseList);
    if (!chosen) return fileIntake();
    const answer = await send('GET /api/cases/{id}', [200], leastBusy(apiCallers), `/api/cases/${chosen.id}`);
    if (answer?.status === 200) chosen.status = statusIn(answer.body) ?? chosen.status;
  }

  const stepAnswers = new Map<string, number>();
  /** The next step of an open case nobody is stepping; while none is open, a look at one still queued. */
  async function takeStep() {
    const chosen = pick(caseList.filter((c) => c.status === 'open' && !c.busy && c.nextStep < stepPlan.length));
    if (!chosen) return readCase();
    chosen.busy = true;
    const planned = stepPlan[chosen.nextStep++]!;
    const caller = planned.by === 'dispatcher' ? leastBusy(dispatchers) : mediator;
    const answer = await send('POST /api/cases/{id}/steps/{step}', [200, 409], caller, `/api/cases/${chosen.id}/steps/${planned.step}`, {
      method: 'POST',
      body: JSON.stringify(planned.payload),
    });
    const outcome = `${planned.step} ${answer?.status ?? 'no answer'}`;
    stepAnswers.set(outcome, (stepAnswers.get(outcome) ?? 0) + 1);
    if (answer?.status === 200) chosen.status = statusIn(answer.body) ?? chosen.status;
    // A dispatch or an accept not taken (refused, rate-limited, unanswered) is sent again before the steps after it.
    else if (planned.untilTaken) chosen.nextStep--;
    chosen.busy = false;
  }

  let listCount = 0;
  async function listCases() {
    const n = listCount++;
    if (n % 3 === 0) {
      const marked = pick(caseList);
      const q = n % 2 === 0 && marked ? marked.marker : pick(broadSearches)!;
      await send('GET /api/cases?q=', [200], leastBusy(apiCallers), `/api/cases?q=${encodeURIComponent(q)}`);
    } else {
      await send('GET /api/cases', [200], leastBusy(apiCallers), `/api/cases?${pick(listQueries)}`);
    }
  }

  let pageCount = 0;
  async function viewPage() {
    const n = pageCount++;
    const shown = pick(caseList);
    if (n % 3 === 2 && shown) return void (await send('GET /cases/{id}', [200], leastBusy(casePages), `/cases/${shown.id}`));
    if (n % 3 === 1) return void (await send('GET /board', [200], leastBusy(supervisorPages), `/board${pick(boardQueries)}`));
    await send('GET /queue', [200], leastBusy(mediatorPages), '/queue');
  }

  const operations = [
    [mix.intake, fileIntake],
    [mix.step, takeStep],
    [mix.list, listCases],
    [mix.readCase, readCase],
    [mix.page, viewPage],
  ] as const;
  const totalWeight = operations.reduce((sum, [weight]) => sum + weight, 0);
  const nextOperation = () => {
    let roll = Math.random() * totalWeight;
    for (const [weight, operation] of operations) if ((roll -= weight) < 0) return operation();
    return fileIntake();
  };

  console.log(`Load: ${seconds} s at concurrency ${concurrency} …`);
  const progress = setInterval(() => {
    const { answered } = figures.totals();
    console.log(`  ${answered} answers, ${caseList.length} cases filed`);
  }, 10_000);
  const runMs = await runClosedLoop(concurrency, { untilMs: performance.now() + seconds * 1000 }, nextOperation).finally(() => clearInterval(progress));

  const totals = figures.totals();
  const throughput = totals.answered / (runMs / 1000);
  console.log(`\n${seconds} s at concurrency ${concurrency}: ${totals.answered} answers in ${oneDecimal(runMs / 1000)} s, ${oneDecimal(throughput)} requests/s\n`);
  const routeTable = figures.table();
  console.table(routeTable);
  console.log(`steps: ${[...stepAnswers].sort(([a], [b]) => a.localeCompare(b)).map(([outcome, n]) => `${outcome}×${n}`).join(', ')}`);
  for (const surprise of figures.surprises) console.log(`  unexpected: ${surprise}`);
  console.log(`5xx ${totals.serverErrors} (target 0), 429 ${totals.rateLimited}, other unexpected statuses ${totals.unexpected}, no answer ${totals.unanswered}`);
  let busiestCaller: Figures = {};
  const callerLimit = callerLimitOn(target);
  if (callerLimit) {
    const { limit, period } = callerLimit;
    const callers = [...apiCallers, ...mediatorPages, ...supervisorPages];
    const [busiest] = callers.map((caller) => ({ caller, most: busiestWindow(caller.sentAtMs, period * 1000) })).sort((a, b) => b.most - a.most);
    console.log(`busiest of ${callers.length} callers: ${busiest!.caller.name}, ${busiest!.most} requests within ${period} s (limit ${limit})`);
    busiestCaller = { [`busiest caller's requests within ${period} s (limit ${limit})`]: busiest!.most };
  }
  console.log(`filings sent again with their Idempotency-Key ${replays}, answered with another case ${replaysElsewhere} (target 0)`);

  console.log(`\nLooking for the ${cases.size} answered cases in D1 and in Temporal …`);
  const found = await lookForAnsweredCases(stack, client, tokenOf(stack, 'demo-supervisor-xh'), cases.keys(), settleMs);
  console.log(`cases answered ${found.answered}, in D1 with a workflow in Temporal ${found.kept}, opened by their workflow's first report ${found.opened}`);
  console.log(`cases lost ${found.lost.length} (target 0)${found.lost.length ? `: ${found.lost.slice(0, 5).join(', ')}` : ''}`);

  const failures = [
    totals.serverErrors && `${totals.serverErrors} answers 5xx`,
    found.lost.length && `${found.lost.length} cases lost`,
    totals.unanswered && `${totals.unanswered} requests without an answer`,
    replaysElsewhere && `${replaysElsewhere} filings sent again answered with another case`,
  ].filter(Boolean);
  console.log(failures.length ? `\nFAIL: ${failures.join('; ')}` : `\nPASS: 0 answers 5xx, 0 cases lost`);
  if (failures.length) process.exitCode = 1;

  return {
    answers: totals.answered,
    [throughputFigure]: throughput,
    ...figuresOfTable(routeTable, ['count', 'p50 ms', 'p95 ms', 'p99 ms']),
    [serverErrorsFigure]: totals.serverErrors,
    '429s (rate limit)': totals.rateLimited,
    'other unexpected statuses': totals.unexpected,
    'no answer': totals.unanswered,
    ...busiestCaller,
    'filings sent again with their key': replays,
    'answered with another case (target 0)': replaysElsewhere,
    'cases answered': found.answered,
    'in D1 with a workflow in Temporal': found.kept,
    "opened by their workflow's first report": found.opened,
    [lostFigure]: found.lost.length,
  };
}

const throughputFigure = 'requests/s';
const serverErrorsFigure = '5xx (target 0)';
const lostFigure = 'cases lost (target 0)';

const byTarget = await onEachTarget(targets, measureLoad);
printSideBySide(`bench:load, ${seconds} s at concurrency ${concurrency}`, targets, byTarget);

const [development, county] = [byTarget.get('development'), byTarget.get('county')];
if (development && county) {
  const ratio = Number(county[throughputFigure]) / Number(development[throughputFigure]);
  console.log(`\ncounty / development throughput: ${ratio.toFixed(2)}× (target ≥ 1×, county not slower): ${ratio >= 1 ? 'MET' : 'MISSED'}`);
}
for (const [target, figures] of byTarget) {
  const clean = figures[serverErrorsFigure] === 0 && figures[lostFigure] === 0;
  console.log(`${target}: 5xx ${figures[serverErrorsFigure]}, lost ${figures[lostFigure]} (target 0 and 0): ${clean ? 'MET' : 'MISSED'}`);
}
