import type { FigureGrouping } from '../schemas/stats';
import type { CaseOutcome, CaseStatus, Category, Channel, ExitKind, RouteName } from '../schemas/vocabulary';
import { exitKinds, routes } from '../schemas/vocabulary';
import { stationCodeOf } from './jurisdiction';
import { localDay } from './clocks/local-time';

/**
 * The figures a station and the county read about themselves, each defined once here: the API document shows
 * these words, and the numbers come from `computeFigures` and nothing else. A period is a cohort: the cases filed
 * in it, and everything that has happened to them since.
 */
export const figureDefinitions = {
  filed: 'Cases filed in the period.',
  firstContactDue: 'Cases whose first-contact clock (事不过夜) has stopped or run out: the ones that can be judged.',
  firstContactOnTime: 'Of those, the cases whose first contact with the parties was recorded by its deadline.',
  firstContactOnTimeRate: 'firstContactOnTime ÷ firstContactDue.',
  dispatched: 'Items dispatched for feedback (闭环): each dispatch of a case to a mediator, each department named on a joint route.',
  feedbackReceived: 'Of those, the ones answered: a dispatch accepted by its mediator, a department that reported back (done or refused).',
  feedbackRate: 'Closed-loop feedback rate: feedbackReceived ÷ dispatched.',
  resolved: 'Cases settled by an agreement.',
  resolvedByRoute: 'Settled cases by the route they were settled on.',
  transfers: 'Moves between routes, as "from→to": failures, transfers, a court refusing confirmation, a supervisor moving the case.',
  exits: 'Cases that left without a mediation, by kind: not a dispute, referred to the police, withdrawn, duplicate.',
  litigation: 'Cases referred to litigation after the joint route failed.',
  escalationsRaised: 'Escalations to the station’s leaders (level 1).',
  escalationsAcknowledgedInTime: 'Of those, the ones acknowledged before they went on to the county.',
  escalationsReachingCounty: 'Escalations that reached the county bureau (level 2) because nobody acknowledged them in time.',
  overTheStationsHead: 'Cases that went over the station’s head (越级): escalated to the county at least once.',
  repeats: 'Cases that came back: at least one later report of the same dispute joined them.',
  returnVisits: 'Return visits recorded (回访).',
  satisfied: 'Of those, the visits where the parties were satisfied.',
  satisfactionRate: 'satisfied ÷ returnVisits.',
  openLoad: 'Cases still open now (a mediator’s current load, when grouped by mediator).',
  resolvedOnTime: 'Settled cases whose resolve clock never ran out.',
  onTimeRate: 'resolvedOnTime ÷ resolved: the 一人一单 ranking orders mediators by it, then by resolved.',
} as const;

/** The verification instructions (核查指令) of the batches created in the period, counted apart from the cases. */
export const instructionFigureDefinitions = {
  issued: 'Instructions issued in batches created in the period (rejected lines and dispute lines, which become cases, aside).',
  answered: 'Of those, the ones whose assignee gave feedback, on time or late.',
  feedbackRate: 'Closed-loop feedback rate of the instructions: answered ÷ issued.',
} as const;

export function instructionFigures({ issued, answered }: { issued: number; answered: number }) {
  return { issued, answered, feedbackRate: share(answered, issued) };
}

export type FigureName = keyof typeof figureDefinitions;


/** What one event on a case's timeline tells the figures. */
export interface FigureEvent {
  type: string;
  detail: Record<string, unknown>;
}

/** One case as the figures read it: its columns, its two judging clocks, and its timeline. */
export interface CaseFacts {
  id: string;
  filedAt: string;
  channel: Channel;
  category: Category;
  route: RouteName | null;
  jurisdictionPath: string;
  assigneeId: string | null;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  firstContact?: { dueAt: string; breachedAt: string | null; stoppedAt: string | null };
  resolve?: { breachedAt: string | null };
  events: FigureEvent[];
}

export interface Figures {
  filed: number;
  firstContactDue: number;
  firstContactOnTime: number;
  firstContactOnTimeRate: number | null;
  dispatched: number;
  feedbackReceived: number;
  feedbackRate: number | null;
  resolved: number;
  resolvedByRoute: Record<RouteName, number>;
  transfers: Record<string, number>;
  exits: Record<ExitKind, number>;
  litigation: number;
  escalationsRaised: number;
  escalationsAcknowledgedInTime: number;
  escalationsReachingCounty: number;
  overTheStationsHead: number;
  repeats: number;
  returnVisits: number;
  satisfied: number;
  satisfactionRate: number | null;
  openLoad: number;
  resolvedOnTime: number;
  onTimeRate: number | null;
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : null);
const zeroBy = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

function emptyTally() {
  return {
    filed: 0,
    firstContactDue: 0,
    firstContactOnTime: 0,
    dispatched: 0,
    feedbackReceived: 0,
    resolved: 0,
    resolvedByRoute: zeroBy(routes),
    transfers: {} as Record<string, number>,
    exits: zeroBy(exitKinds),
    litigation: 0,
    escalationsRaised: 0,
    escalationsAcknowledgedInTime: 0,
    escalationsReachingCounty: 0,
    overTheStationsHead: 0,
    repeats: 0,
    returnVisits: 0,
    satisfied: 0,
    openLoad: 0,
    resolvedOnTime: 0,
  };
}
type Tally = ReturnType<typeof emptyTally>;

const isExit = (outcome: CaseOutcome | null): outcome is ExitKind => (exitKinds as readonly string[]).includes(outcome ?? '');

/** Adds one case to a tally; every figure's definition above is this function's behaviour. */
function tallyCase(tally: Tally, facts: CaseFacts, now: number) {
  tally.filed += 1;
  const contact = facts.firstContact;
  if (contact && (contact.stoppedAt || contact.breachedAt || Date.parse(contact.dueAt) <= now)) {
    tally.firstContactDue += 1;
    const contactedInTime = contact.stoppedAt !== null && !contact.breachedAt && Date.parse(contact.stoppedAt) <= Date.parse(contact.dueAt);
    if (contactedInTime) tally.firstContactOnTime += 1;
  }
  let level1 = 0;
  let level2 = 0;
  let dispatches = 0;
  let accepts = 0;
  const departmentsNamed = new Set<string>();
  const departmentsAnswered = new Set<string>();
  for (const event of facts.events) {
    switch (event.type) {
      case 'step:assign':
        dispatches += 1;
        if (Array.isArray(event.detail.departments)) event.detail.departments.forEach((d) => departmentsNamed.add(String(d)));
        break;
      case 'step:accept':
        accepts += 1;
        break;
      case 'step:record-department-report':
        if (event.detail.outcome !== 'more_time') departmentsAnswered.add(String(event.detail.department));
        break;
      case 'route_transferred': {
        const key = `${String(event.detail.from)}→${String(event.detail.to)}`;
        tally.transfers[key] = (tally.transfers[key] ?? 0) + 1;
        break;
      }
      case 'escalated':
        if (event.detail.level === 2) level2 += 1;
        else level1 += 1;
        break;
      case 'step:record-return-visit':
        tally.returnVisits += 1;
        if (event.detail.satisfied === true) tally.satisfied += 1;
        break;
    }
  }
  // A dispatch is answered by the acceptance that follows it; a mediator taking a case from the queue is no dispatch.
  tally.dispatched += dispatches + departmentsNamed.size;
  tally.feedbackReceived += Math.min(accepts, dispatches) + [...departmentsAnswered].filter((d) => departmentsNamed.has(d)).length;
  tally.escalationsRaised += level1;
  tally.escalationsReachingCounty += level2;
  tally.escalationsAcknowledgedInTime += Math.max(0, level1 - level2);
  if (level2 > 0) tally.overTheStationsHead += 1;
  if (facts.events.some((e) => e.type === 'repeat_report')) tally.repeats += 1;
  if (facts.outcome === 'agreement') {
    tally.resolved += 1;
    if (facts.route) tally.resolvedByRoute[facts.route] += 1;
    if (!facts.resolve?.breachedAt) tally.resolvedOnTime += 1;
  }
  if (facts.outcome === 'litigation') tally.litigation += 1;
  if (isExit(facts.outcome)) tally.exits[facts.outcome] += 1;
  if (facts.status === 'open' || facts.status === 'queued') tally.openLoad += 1;
}

function figuresOf(tally: Tally): Figures {
  return {
    ...tally,
    firstContactOnTimeRate: share(tally.firstContactOnTime, tally.firstContactDue),
    feedbackRate: share(tally.feedbackReceived, tally.dispatched),
    satisfactionRate: share(tally.satisfied, tally.returnVisits),
    onTimeRate: share(tally.resolvedOnTime, tally.resolved),
  };
}

/** Monday of the local week an instant falls in, as YYYY-MM-DD. */
function weekOf(instant: string, utcOffset: string) {
  const day = localDay(new Date(instant), utcOffset);
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return new Date(Date.parse(`${day}T00:00:00Z`) - weekday * 86_400_000).toISOString().slice(0, 10);
}

/** The group a case counts in. */
export function groupKey(facts: CaseFacts, groupBy: FigureGrouping, utcOffset: string): string {
  switch (groupBy) {
    case 'none':
      return 'all';
    case 'channel':
      return facts.channel;
    case 'route':
      return facts.route ?? 'not started';
    case 'jurisdiction':
      return stationCodeOf(facts.jurisdictionPath) ?? facts.jurisdictionPath;
    case 'mediator':
      return facts.assigneeId ?? 'unassigned';
    case 'category':
      return facts.category;
    case 'week':
      return weekOf(facts.filedAt, utcOffset);
    case 'month':
      return localDay(new Date(facts.filedAt), utcOffset).slice(0, 7);
  }
}

export interface FigureGroup {
  key: string;
  /** 1 for the best on-time rate, when grouped by mediator (一人一单). */
  rank?: number;
  figures: Figures;
}

/** The figures of a cohort of cases, in groups and in total; `now` judges clocks still running. */
export function computeFigures(cases: readonly CaseFacts[], groupBy: FigureGrouping, utcOffset: string, now: Date) {
  const total = emptyTally();
  const tallies = new Map<string, Tally>();
  for (const facts of cases) {
    tallyCase(total, facts, now.getTime());
    const key = groupKey(facts, groupBy, utcOffset);
    if (!tallies.has(key)) tallies.set(key, emptyTally());
    tallyCase(tallies.get(key)!, facts, now.getTime());
  }
  const groups: FigureGroup[] = [...tallies].map(([key, tally]) => ({ key, figures: figuresOf(tally) }));
  if (groupBy === 'mediator') {
    const ranked = groups
      .filter((group) => group.key !== 'unassigned')
      .sort((a, b) => (b.figures.onTimeRate ?? -1) - (a.figures.onTimeRate ?? -1) || b.figures.resolved - a.figures.resolved || a.key.localeCompare(b.key));
    ranked.forEach((group, index) => (group.rank = index + 1));
    groups.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.key.localeCompare(b.key));
  } else groups.sort((a, b) => a.key.localeCompare(b.key));
  return { total: figuresOf(total), groups };
}
