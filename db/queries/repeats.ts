import { and, asc, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import type { OutboxMessageInput } from '../../schemas/outbox';
import type { RiskFlag } from '../../schemas/vocabulary';
import type { Database } from '../client';
import { cases, outbox, parties, timelineEvents } from '../schema';
import { refreshListing } from './case-listing';
import type { SearchDocument } from '../../schemas/search-document';
import { appendSearchDocument, type NewParty } from './cases';
import { insertIdempotencyKey, type IdempotencyRecord } from './idempotency';
import { caseWithin } from './jurisdictions';

export type RepeatCandidate = typeof cases.$inferSelect & { parties: (typeof parties.$inferSelect)[] };

/** A busy address can hold many unrelated disputes in a year; the newest this many are weighed. */
const candidateLimit = 50;

/**
 * The newest case of the station, filed since `since`, that `isSameDispute` accepts among those sharing the
 * address key or a party's phone key, and that the filer may see (`visiblePath`): a repeat never reveals or
 * touches a case outside one's jurisdiction. The rule itself is the domain's; it is handed in.
 */
export async function findRepeatOf(
  db: Database,
  match: { jurisdictionCode: string; visiblePath: string; addressKey: string; phoneKeys: string[]; since: string },
  isSameDispute: (candidate: RepeatCandidate) => boolean,
): Promise<RepeatCandidate | undefined> {
  const sameParty = match.phoneKeys.length
    ? inArray(cases.id, db.select({ id: parties.caseId }).from(parties).where(inArray(parties.phoneKey, match.phoneKeys)))
    : undefined;
  const candidates = and(
    eq(cases.jurisdictionCode, match.jurisdictionCode),
    caseWithin(match.visiblePath),
    gte(cases.filedAt, match.since),
    or(eq(cases.addressKey, match.addressKey), sameParty),
  );
  const newest = db.select({ id: cases.id }).from(cases).where(candidates).orderBy(desc(cases.filedAt)).limit(candidateLimit);
  const [rows, partyRows] = await db.batch([
    db.select().from(cases).where(inArray(cases.id, newest)).orderBy(desc(cases.filedAt)),
    db.select().from(parties).where(inArray(parties.caseId, newest)).orderBy(asc(parties.position)),
  ]);
  return rows.map((row) => ({ ...row, parties: partyRows.filter((party) => party.caseId === row.id) })).find(isSameDispute);
}

export interface RepeatReportWrite {
  caseId: string;
  actor: string;
  at: string;
  /** The whole intake, so the report can be split out into its own case later. */
  detail: Record<string, unknown>;
  payload: Extract<OutboxMessageInput, { kind: 'repeat_report' }>['payload'];
  /** Parties the case does not hold yet; they follow the ones it has. */
  newParties: NewParty[];
  riskFlags: readonly RiskFlag[];
  /** What the new parties make the case found by: their names and phones; none when there are no new parties. */
  search?: SearchDocument;
}

/**
 * A repeat intake lands on the earlier case in one batch: its report on the timeline, its new parties and risks on
 * the case, its delivery to the workflow in the outbox. Positions and the union of risks are worked out inside the
 * write, so a report merged at the same moment cannot collide with this one.
 */
export async function insertRepeatReport(db: Database, report: RepeatReportWrite, idempotency?: IdempotencyRecord) {
  const { caseId, at } = report;
  const nextPosition = sql<number>`(select coalesce(max(${parties.position}), -1) + 1 from ${parties} where ${parties.caseId} = ${caseId})`;
  const flags = JSON.stringify(report.riskFlags);
  const unionOfFlags = sql`(select json_group_array(value) from (
    select value from json_each(${cases.riskFlags})
    union all
    select value from json_each(${flags}) where value not in (select value from json_each(${cases.riskFlags}))))`;
  const writes = [
    db.insert(outbox).values({ caseId, kind: 'repeat_report', payload: report.payload, createdAt: at }).returning(),
    db.insert(timelineEvents).values({ caseId, type: 'repeat_report', actor: report.actor, detail: report.detail, at }),
    db.update(cases).set({ riskFlags: unionOfFlags, updatedAt: at }).where(eq(cases.id, caseId)),
  ] as const;
  const more = [
    ...report.newParties.map((party) => db.insert(parties).values({ ...party, caseId, position: nextPosition })),
    ...(report.search ? [appendSearchDocument(db, caseId, report.search)] : []),
    ...(idempotency ? [insertIdempotencyKey(db, idempotency, caseId, at)] : []),
    refreshListing(db, caseId),
  ];
  const [outboxRows] = await db.batch([...writes, ...more]);
  return outboxRows[0]!;
}

/** A case's `repeat_report` row: the report as it was merged. */
export async function findRepeatReport(db: Database, caseId: string, eventId: number) {
  const [row] = await db
    .select()
    .from(timelineEvents)
    .where(and(eq(timelineEvents.id, eventId), eq(timelineEvents.caseId, caseId), eq(timelineEvents.type, 'repeat_report')));
  return row;
}

/** The case a merged report was split out into, if it has been. */
export async function findSplitOf(db: Database, reportEventId: number) {
  const [row] = await db.select({ id: cases.id, caseNumber: cases.caseNumber }).from(cases).where(eq(cases.splitFromReport, reportEventId));
  return row;
}
