import type { Database } from '../../db/client';
import { countInstructions, readCohort, type Cohort } from '../../db/queries/figures';
import { localDay, toInstant } from '../../domain/clocks/local-time';
import { computeFigures, figureDefinitions, instructionFigureDefinitions, instructionFigures, type CaseFacts, type FigureGroup } from '../../domain/figures';
import { canSee, visiblePathOf } from '../../domain/jurisdiction';
import type { SlaPolicy } from '../../schemas/policy';
import type { FigureGrouping, StatsQuery } from '../../schemas/stats';
import type { Role } from '../../schemas/vocabulary';
import { jurisdictionByCode } from '../county/jurisdictions';

/** Each case of the cohort with its judging clocks and counted events, gathered by case in one pass. */
function factsOf(cohort: Cohort): CaseFacts[] {
  const clocks = new Map<string, Cohort['clockRows']>();
  for (const row of cohort.clockRows) clocks.set(row.caseId, [...(clocks.get(row.caseId) ?? []), row]);
  const events = new Map<string, CaseFacts['events']>();
  for (const row of cohort.eventRows) {
    const list = events.get(row.caseId) ?? [];
    list.push({ type: row.type, detail: row.detail });
    events.set(row.caseId, list);
  }
  return cohort.caseRows.map((row) => {
    const own = clocks.get(row.id) ?? [];
    const firstContact = own.find((clock) => clock.clock === 'firstContact');
    const resolve = own.find((clock) => clock.clock === 'resolve');
    return {
      ...row,
      firstContact: firstContact && { dueAt: firstContact.dueAt, breachedAt: firstContact.breachedAt, stoppedAt: firstContact.stoppedAt },
      resolve: resolve && { breachedAt: resolve.breachedAt },
      events: events.get(row.id) ?? [],
    };
  });
}

/** The local day after a local day, as the period's end that is not counted. */
export const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The cohort a query asks for: its local days and where; undefined when the jurisdiction asked for is not the reader's to see. */
async function periodOf(db: Database, reader: { role: Role; jurisdictionPath: string }, query: Pick<StatsQuery, 'from' | 'to' | 'jurisdiction'>, policy: SlaPolicy, now: Date) {
  const within = query.jurisdiction ? await jurisdictionByCode(db, query.jurisdiction) : undefined;
  if (query.jurisdiction && (!within || !canSee(reader, within.path))) return undefined;
  const today = localDay(now, policy.utcOffset);
  const from = query.from ?? `${today.slice(0, 7)}-01`;
  const to = query.to ?? dayAfter(today);
  const period = {
    jurisdictionPath: within?.path ?? visiblePathOf(reader),
    from: toInstant(`${from}T00:00`, policy.utcOffset),
    to: toInstant(`${to}T00:00`, policy.utcOffset),
  };
  return { from, to, jurisdiction: within?.code ?? null, period };
}

/**
 * The figures of the cases filed in a period (local dates; this month so far unless asked) within the reader's
 * jurisdiction or a part of it. Undefined when the jurisdiction asked for is not the reader's to see.
 */
export async function readFigures(db: Database, reader: { role: Role; jurisdictionPath: string }, query: StatsQuery, policy: SlaPolicy, now = new Date()) {
  const asked = await periodOf(db, reader, query, policy, now);
  if (!asked) return undefined;
  const [cohort, instructionCounts] = await Promise.all([readCohort(db, asked.period), countInstructions(db, asked.period)]);
  const { total, groups } = computeFigures(factsOf(cohort), query.groupBy, policy.utcOffset, now);
  return {
    from: asked.from,
    to: asked.to,
    groupBy: query.groupBy,
    jurisdiction: asked.jurisdiction,
    utcOffset: policy.utcOffset,
    total,
    groups,
    instructions: instructionFigures(instructionCounts),
    definitions: { ...figureDefinitions, instructions: instructionFigureDefinitions },
  };
}

export type FiguresAnswer = NonNullable<Awaited<ReturnType<typeof readFigures>>>;

/** One cohort read once and counted in several groupings: what a dashboard draws side by side. */
export async function readFiguresInGroups<G extends FigureGrouping>(
  db: Database,
  reader: { role: Role; jurisdictionPath: string },
  query: Pick<StatsQuery, 'from' | 'to' | 'jurisdiction'>,
  groupings: readonly G[],
  policy: SlaPolicy,
  now = new Date(),
) {
  const asked = await periodOf(db, reader, query, policy, now);
  if (!asked) return undefined;
  const facts = factsOf(await readCohort(db, asked.period));
  const counted = groupings.map((groupBy) => [groupBy, computeFigures(facts, groupBy, policy.utcOffset, now)] as const);
  return {
    from: asked.from,
    to: asked.to,
    jurisdiction: asked.jurisdiction,
    total: (counted[0]?.[1] ?? computeFigures(facts, 'none', policy.utcOffset, now)).total,
    groups: Object.fromEntries(counted.map(([groupBy, figures]) => [groupBy, figures.groups])) as Record<G, FigureGroup[]>,
  };
}
