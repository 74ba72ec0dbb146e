import { and, asc, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import type { OutboxMessageInput } from '../../schemas/outbox';
import type { Database } from '../client';
import { caseClocks, cases, outbox, parties, timelineEvents } from '../schema';
import { insertIdempotencyKey, type IdempotencyRecord } from './idempotency';
import { caseWithin } from './jurisdictions';

export type NewCase = typeof cases.$inferInsert;
export type NewParty = Omit<typeof parties.$inferInsert, 'caseId' | 'position'>;
export type NewClock = Omit<typeof caseClocks.$inferInsert, 'caseId'>;

export interface CaseFiling {
  /** Everything of the case but its number, which is counted inside the write. */
  case: Omit<NewCase, 'caseNumber'>;
  caseNumberPrefix: string;
  parties: NewParty[];
  clocks: NewClock[];
  /** The workflow input; its `caseNumber` is filled in by the same write. */
  workflowInput: Omit<Extract<OutboxMessageInput, { kind: 'start_workflow' }>['payload'], 'caseNumber'>;
  idempotency?: IdempotencyRecord;
}

/**
 * One batch, so a case never exists without its parties, first timeline event, clocks and outbox row.
 * The case number counts the station's cases of the day inside the write: D1 runs batches one at a time,
 * so two filings can never draw the same number. Every insert returns its row, so the caller can answer
 * without reading the case back.
 */
export async function insertFiledCase(db: Database, filing: CaseFiling) {
  const { id: caseId, jurisdictionCode, filedDay, filedAt, filedBy } = filing.case;
  const caseNumber = sql<string>`${filing.caseNumberPrefix} || printf('%04d', (
    select count(*) + 1 from ${cases} where ${cases.jurisdictionCode} = ${jurisdictionCode} and ${cases.filedDay} = ${filedDay}))`;
  const writes = [
    db.insert(cases).values({ ...filing.case, caseNumber }).returning(),
    db.insert(parties).values(filing.parties.map((party, position) => ({ ...party, caseId, position }))).returning(),
    db.insert(timelineEvents).values({ caseId, type: 'filed', actor: filedBy, detail: { channel: filing.case.channel }, at: filedAt }).returning(),
    db.insert(caseClocks).values(filing.clocks.map((clock) => ({ ...clock, caseId }))).returning(),
    db
      .insert(outbox)
      .values({
        caseId,
        kind: 'start_workflow',
        payload: sql`json_set(${JSON.stringify(filing.workflowInput)}, '$.caseNumber', (select ${cases.caseNumber} from ${cases} where ${cases.id} = ${caseId}))`,
        createdAt: filedAt,
      })
      .returning(),
  ] as const;
  const [caseRows, partyRows, timelineRows, clockRows, outboxRows] = filing.idempotency
    ? await db.batch([...writes, insertIdempotencyKey(db, filing.idempotency, caseId, filedAt)])
    : await db.batch(writes);
  return {
    detail: { case: caseRows[0]!, parties: partyRows, clocks: clockRows, timeline: timelineRows },
    outbox: outboxRows[0]!,
  };
}

export async function findCase(db: Database, caseId: string) {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  return row;
}

export type CaseDetail = NonNullable<Awaited<ReturnType<typeof findCaseDetail>>>;

export async function findCaseDetail(db: Database, caseId: string) {
  const [caseRow, partyRows, clockRows, timelineRows] = await db.batch([
    db.select().from(cases).where(eq(cases.id, caseId)),
    db.select().from(parties).where(eq(parties.caseId, caseId)).orderBy(asc(parties.position)),
    db.select().from(caseClocks).where(eq(caseClocks.caseId, caseId)).orderBy(asc(caseClocks.dueAt)),
    db.select().from(timelineEvents).where(eq(timelineEvents.caseId, caseId)).orderBy(asc(timelineEvents.id)),
  ]);
  const found = caseRow[0];
  return found && { case: found, parties: partyRows, clocks: clockRows, timeline: timelineRows };
}

/**
 * The latest case of the station with the same address or a party with the same phone, filed since `since`,
 * among those the filer may see (`visiblePath`): a repeat never reveals or touches a case outside one's jurisdiction.
 */
export async function findRepeatOf(
  db: Database,
  match: { jurisdictionCode: string; visiblePath: string; address: string; phones: string[]; since: string },
) {
  const samePlace = eq(cases.address, match.address);
  const sameParty = match.phones.length
    ? inArray(cases.id, db.select({ id: parties.caseId }).from(parties).where(inArray(parties.phone, match.phones)))
    : undefined;
  const [row] = await db
    .select()
    .from(cases)
    .where(
      and(
        eq(cases.jurisdictionCode, match.jurisdictionCode),
        caseWithin(match.visiblePath),
        gte(cases.filedAt, match.since),
        or(samePlace, sameParty),
      ),
    )
    .orderBy(desc(cases.filedAt))
    .limit(1);
  return row;
}

/** A repeat intake lands on the earlier case: its report on the timeline, its delivery to the workflow in the outbox. */
export async function insertRepeatReport(
  db: Database,
  report: { caseId: string; actor: string; at: string; detail: Record<string, unknown>; payload: Extract<OutboxMessageInput, { kind: 'repeat_report' }>['payload'] },
  idempotency?: IdempotencyRecord,
) {
  const writes = [
    db.insert(timelineEvents).values({ caseId: report.caseId, type: 'repeat_report', actor: report.actor, detail: report.detail, at: report.at }),
    db.insert(outbox).values({ caseId: report.caseId, kind: 'repeat_report', payload: report.payload, createdAt: report.at }).returning(),
  ] as const;
  const [, outboxRows] = idempotency
    ? await db.batch([...writes, insertIdempotencyKey(db, idempotency, report.caseId, report.at)])
    : await db.batch(writes);
  return outboxRows[0]!;
}

