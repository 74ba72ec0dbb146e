import { asc, eq, sql } from 'drizzle-orm';
import type { OutboxMessageInput } from '../../schemas/outbox';
import type { Database } from '../client';
import type { SearchDocument } from '../../schemas/search-document';
import { caseClocks, cases, outbox, parties, timelineEvents } from '../schema';
import { caseSearch } from '../search-table';
import { refreshListing } from './case-listing';
import { insertIdempotencyKey, type IdempotencyRecord } from './idempotency';

/** The matching keys are written with every case and party, so a later intake can find them (see domain/repeat-matching.ts). */
export type NewCase = typeof cases.$inferInsert & { addressKey: string };
export type NewParty = Omit<typeof parties.$inferInsert, 'caseId' | 'position'> & { phoneKey: string | null };
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
  /** A merged report split out into this case: the same write says so on the case it leaves. */
  splitFrom?: { caseId: string; reportEventId: number };
  /** What the case is found by (domain/search-index.ts), its number's prefix included; the write adds the counter it draws. */
  search: SearchDocument;
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
  const splitColumns = filing.splitFrom && { splitFrom: filing.splitFrom.caseId, splitFromReport: filing.splitFrom.reportEventId };
  const writes = [
    db.insert(cases).values({ ...filing.case, ...splitColumns, caseNumber }).returning(),
    insertParties(db, caseId, filing.parties),
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
  const after = [
    // The counter ("0007") is known only inside the write; like every run of digits it joins the numbers.
    ...writeSearchDocument(db, caseId, filing.search, sql`substr(${cases.caseNumber}, ${filing.caseNumberPrefix.length + 1}) || ';'`),
    ...(filing.idempotency ? [insertIdempotencyKey(db, filing.idempotency, caseId, filedAt)] : []),
    ...(filing.splitFrom ? [insertSplitEvent(db, filing.splitFrom, caseId, filedBy, filedAt)] : []),
    refreshListing(db, caseId),
  ];
  const [caseRows, partyRows, timelineRows, clockRows, outboxRows] = await db.batch([...writes, ...after]);
  return {
    detail: { case: caseRows[0]!, parties: partyRows.sort((a, b) => a.position - b.position), clocks: clockRows, timeline: timelineRows },
    outbox: outboxRows[0]!,
  };
}

/** The rowid of a case, which its search row shares. */
export const rowidOf = (caseId: string) => sql`(select rowid from ${cases} where ${cases.id} = ${caseId})`;

/**
 * A case's row of the search index, under the case's rowid; `numbersAfter` is SQL appended to its numbers (the
 * counter a filing draws, closed by ';' as every number is there). A row the case has already is replaced, so
 * writing it again changes nothing; with `ofPartyCount`, only while the case still has that many parties (the walk's
 * guard against a repeat meanwhile). Two statements, for FTS5 takes no upsert.
 */
export function writeSearchDocument(db: Database, caseId: string, search: SearchDocument, numbersAfter = sql`''`, ofPartyCount?: number) {
  const unchanged = ofPartyCount === undefined ? sql`` : sql`and (select count(*) from ${parties} where ${parties.caseId} = ${caseId}) = ${ofPartyCount}`;
  return [
    db.delete(caseSearch).where(sql`${caseSearch.rowid} = ${rowidOf(caseId)} ${unchanged}`),
    db
      .insert(caseSearch)
      .select(sql`select rowid, ${search.words}, ${search.pairs}, ${search.numbers} || ${numbersAfter} from ${cases} where ${cases.id} = ${caseId} ${unchanged}`),
  ] as const;
}

/** What a repeat's new parties add to the case's row, in one statement, so two repeats at once both land. */
export const appendSearchDocument = (db: Database, caseId: string, added: SearchDocument) =>
  db
    .update(caseSearch)
    .set({ words: sql`${caseSearch.words} || ${added.words}`, pairs: sql`${caseSearch.pairs} || ${added.pairs}`, numbers: sql`${caseSearch.numbers} || ${added.numbers}` })
    .where(sql`${caseSearch.rowid} = ${rowidOf(caseId)}`);

/** Of these cases, the ones without a row in the search index: a rowid look-up each, never a scan of the index. */
export async function casesNotIndexed(db: Database, caseIds: readonly string[]) {
  if (!caseIds.length) return [];
  const rows = await db
    .select({ id: cases.id })
    .from(cases)
    .where(sql`${cases.id} in (select value from json_each(${JSON.stringify(caseIds)})) and not exists (select 1 from ${caseSearch} where ${caseSearch.rowid} = ${cases}.rowid)`);
  return rows.map((row) => row.id);
}

/**
 * The parties go in as one JSON array: seven columns of twenty parties are more bound parameters than D1 takes in
 * one statement. The select names the columns in the table's order, as the insert does.
 */
const insertParties = (db: Database, caseId: string, given: readonly NewParty[]) => {
  const rows = JSON.stringify(
    given.map((party, position) => ({ position, name: party.name, role: party.role, phone: party.phone ?? null, phoneKey: party.phoneKey, address: party.address ?? null })),
  );
  return db
    .insert(parties)
    .select(
      sql`select ${caseId}, value ->> '$.position', value ->> '$.name', value ->> '$.role', value ->> '$.phone', value ->> '$.phoneKey', value ->> '$.address'
        from json_each(${rows}) where true`,
    )
    .returning();
};

/** The row on the case a report leaves, naming the case it became; written after that case, whose number it reads. */
const insertSplitEvent = (db: Database, from: { caseId: string; reportEventId: number }, newCaseId: string, actor: string, at: string) =>
  db.insert(timelineEvents).values({
    caseId: from.caseId,
    type: 'repeat_split',
    actor,
    detail: sql`json_object('repeatEventId', cast(${from.reportEventId} as integer), 'caseId', ${newCaseId}, 'caseNumber', (select ${cases.caseNumber} from ${cases} where ${cases.id} = ${newCaseId}))`,
    at,
  });

export async function findCase(db: Database, caseId: string) {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  return row;
}

export type CaseDetail = NonNullable<Awaited<ReturnType<typeof findCaseDetail>>>;

export async function findCaseByNumber(db: Database, caseNumber: string) {
  const [row] = await db.select().from(cases).where(eq(cases.caseNumber, caseNumber));
  return row;
}

/** The reads of a whole case, to run as a batch of their own or at the end of a batch that writes it. */
export const caseDetailReads = (db: Database, caseId: string) =>
  [
    db.select().from(cases).where(eq(cases.id, caseId)),
    db.select().from(parties).where(eq(parties.caseId, caseId)).orderBy(asc(parties.position)),
    db.select().from(caseClocks).where(eq(caseClocks.caseId, caseId)).orderBy(asc(caseClocks.dueAt)),
    db.select().from(timelineEvents).where(eq(timelineEvents.caseId, caseId)).orderBy(asc(timelineEvents.id)),
  ] as const;

type DetailReads = ReturnType<typeof caseDetailReads>;
/** What each of `caseDetailReads` answers, in its order. */
export type CaseDetailRows = readonly [Awaited<DetailReads[0]>, Awaited<DetailReads[1]>, Awaited<DetailReads[2]>, Awaited<DetailReads[3]>];

/** The whole case from the answers of `caseDetailReads`; undefined for no such case. */
export function caseDetailOf([caseRow, partyRows, clockRows, timelineRows]: CaseDetailRows) {
  const found = caseRow[0];
  return found && { case: found, parties: partyRows, clocks: clockRows, timeline: timelineRows };
}

export async function findCaseDetail(db: Database, caseId: string) {
  return caseDetailOf(await db.batch(caseDetailReads(db, caseId)));
}
