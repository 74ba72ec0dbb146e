import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { caseWithin } from './jurisdiction-scope';
import { caseClocks, cases, idempotencyKeys, jurisdictions, outbox, parties, timelineEvents } from '../schema';

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
  workflowInput: Record<string, unknown>;
  idempotency?: { userId: string; key: string; requestHash: string };
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
    ? await db.batch([...writes, db.insert(idempotencyKeys).values({ ...filing.idempotency, caseId, createdAt: filedAt })])
    : await db.batch(writes);
  return {
    detail: { case: caseRows[0]!, parties: partyRows, clocks: clockRows, timeline: timelineRows },
    outbox: outboxRows[0]!,
  };
}

export async function findIdempotencyKey(db: Database, userId: string, key: string) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return row;
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

export async function findJurisdiction(db: Database, code: string) {
  const [row] = await db.select().from(jurisdictions).where(eq(jurisdictions.code, code));
  return row;
}

/**
 * Rows still to deliver. A start that went through at filing leaves its row open until the workflow's first report
 * closes it, so a start is retried only once it failed, or once a while has passed without a word from the workflow.
 */
export async function pendingOutbox(db: Database, limit: number, silentStartBefore: string) {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        isNull(outbox.doneAt),
        or(ne(outbox.kind, 'start_workflow'), gt(outbox.attempts, 0), lt(outbox.createdAt, silentStartBefore)),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(limit);
}

export async function findPendingOutbox(db: Database, caseId: string) {
  return db.select().from(outbox).where(and(eq(outbox.caseId, caseId), isNull(outbox.doneAt))).orderBy(asc(outbox.id));
}

const outboxDone = (db: Database, outboxId: number, at: string) =>
  db.update(outbox).set({ doneAt: at, attempts: sql`${outbox.attempts} + 1`, lastError: null }).where(eq(outbox.id, outboxId));

export async function markOutboxDone(db: Database, outboxId: number, at: string) {
  await outboxDone(db, outboxId, at);
}

export async function markWorkflowStarted(db: Database, outboxId: number, caseId: string, runId: string, at: string) {
  await db.batch([
    outboxDone(db, outboxId, at),
    db
      .update(cases)
      .set({ status: 'open', workflowRunId: runId, updatedAt: at })
      .where(and(eq(cases.id, caseId), eq(cases.status, 'queued'))),
  ]);
}

export async function markStartFailed(db: Database, outboxId: number, error: string) {
  await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 1000) })
    .where(eq(outbox.id, outboxId));
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
  report: { caseId: string; actor: string; at: string; detail: Record<string, unknown>; payload: unknown },
  idempotency?: { userId: string; key: string; requestHash: string },
) {
  const writes = [
    db.insert(timelineEvents).values({ caseId: report.caseId, type: 'repeat_report', actor: report.actor, detail: report.detail, at: report.at }),
    db.insert(outbox).values({ caseId: report.caseId, kind: 'repeat_report', payload: report.payload, createdAt: report.at }).returning(),
  ] as const;
  const [, outboxRows] = idempotency
    ? await db.batch([...writes, db.insert(idempotencyKeys).values({ ...idempotency, caseId: report.caseId, createdAt: report.at })])
    : await db.batch(writes);
  return outboxRows[0]!;
}

export async function findStartInput(db: Database, caseId: string) {
  const [row] = await db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.caseId, caseId), eq(outbox.kind, 'start_workflow')));
  return row?.payload;
}
