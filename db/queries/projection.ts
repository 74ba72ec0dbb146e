import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { CaseReport } from '../../schemas/case-event';
import type { NotifyAudience } from '../../schemas/vocabulary';
import type { Database } from '../client';
import { isUniqueViolation } from '../errors';
import { offsetMs } from '../../schemas/date-time';
import { agreements, caseClocks, cases, notifications, outbox, timelineEvents } from '../schema';
import { refreshListing } from './case-listing';

export type ApplyOutcome = 'applied' | 'duplicate';

/** What D1 already shows of a case, read before a report is applied. */
export async function findProjectionTarget(db: Database, caseId: string) {
  const [row] = await db
    .select({ projectedSeq: cases.projectedSeq, jurisdictionCode: cases.jurisdictionCode, jurisdictionPath: cases.jurisdictionPath })
    .from(cases)
    .where(eq(cases.id, caseId));
  return row;
}

export type ProjectionTarget = NonNullable<Awaited<ReturnType<typeof findProjectionTarget>>>;
type Notice = { audience: NotifyAudience; recipient: string };

/**
 * An agreement recorded by the report gets the next number of its committee (the case's station) for the county's
 * local year of the report, counted in the statement that writes it: a batch is one transaction, so agreements
 * recorded at the same moment are numbered one after another, with no gap and no number twice.
 */
function numberAgreement(db: Database, caseId: string, report: CaseReport, utcOffset: string) {
  const year = new Date(Date.parse(report.at) + offsetMs(utcOffset)).getUTCFullYear();
  const lastNumber = sql`(select max(${agreements.number}) from ${agreements} where ${agreements.committeeCode} = ${cases.jurisdictionCode} and ${agreements.year} = ${year})`;
  return db
    .insert(agreements)
    .select(sql`select ${cases.id}, ${report.seq}, ${cases.jurisdictionCode}, ${year}, coalesce(${lastNumber}, 0) + 1, ${report.at} from ${cases} where ${cases.id} = ${caseId}`);
}

/**
 * What one workflow report writes: its timeline row, the case as it now stands, its clocks and whoever must be told.
 * The timeline row keyed by (case, seq) goes first: a retried report fails on it and its whole batch rolls back, so
 * nothing is applied twice. A report older than what D1 shows (`projectedSeq`, or a newer report landed since it was
 * read) adds its timeline row only: the case row and the clocks are written only while the report is the newest.
 * An agreement is numbered whichever report is newest: the agreement was made. `utcOffset` is the county's, whose
 * year an agreement's number counts in.
 */
export function caseReportWrites(
  db: Database,
  caseId: string,
  report: CaseReport,
  projectedSeq: number,
  notices: readonly Notice[],
  utcOffset: string,
): [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] {
  const { projection } = report;
  const writes: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
    db.insert(timelineEvents).values({
      caseId,
      workflowSeq: report.seq,
      type: report.type,
      actor: report.actor,
      reason: report.reason,
      detail: report.detail,
      at: report.at,
    }),
    // The workflow speaks, so it runs: its start needs no retrying.
    db
      .update(outbox)
      .set({ doneAt: report.at })
      .where(and(eq(outbox.caseId, caseId), eq(outbox.kind, 'start_workflow'), isNull(outbox.doneAt))),
  ];
  if (report.type === 'step:record-agreement') writes.push(numberAgreement(db, caseId, report, utcOffset));
  if (report.seq > projectedSeq) {
    // After the case row's update below, the case shows this report's number only if no newer report came first.
    const stillNewest = sql`(select ${cases.projectedSeq} from ${cases} where ${cases.id} = ${caseId}) = ${report.seq}`;
    writes.push(
      db
        .update(cases)
        .set({
          status: projection.status,
          route: projection.route,
          hardCase: projection.hardCase,
          orderStage: projection.order,
          assigneeId: projection.assigneeId,
          escalationLevel: projection.escalationLevel,
          riskFlags: projection.riskFlags,
          outcome: projection.outcome,
          paused: projection.paused,
          overdue: projection.overdue,
          progress: projection.progress,
          resumeState: projection.resumeState ?? null,
          projectedSeq: report.seq,
          updatedAt: report.at,
        })
        .where(and(eq(cases.id, caseId), lt(cases.projectedSeq, report.seq))),
    );
    for (const { clock, ...times } of projection.clocks) {
      writes.push(
        db
          .insert(caseClocks)
          .values({ caseId, clock, ...times })
          .onConflictDoUpdate({
            target: [caseClocks.caseId, caseClocks.clock],
            set: {
              startedAt: sql`excluded.started_at`,
              dueAt: sql`excluded.due_at`,
              warnedAt: sql`excluded.warned_at`,
              breachedAt: sql`excluded.breached_at`,
              stoppedAt: sql`excluded.stopped_at`,
              pausedAt: sql`excluded.paused_at`,
              provisional: sql`excluded.provisional`,
            },
            setWhere: stillNewest,
          }),
      );
    }
    writes.push(refreshListing(db, caseId));
  }
  for (const notice of notices) {
    writes.push(db.insert(notifications).values({ caseId, workflowSeq: report.seq, kind: report.type, ...notice, createdAt: report.at }));
  }
  return writes;
}

/** Projects one workflow report into D1 in one batch (see `caseReportWrites`). */
export async function applyCaseReport(
  db: Database,
  caseId: string,
  report: CaseReport,
  projectedSeq: number,
  notices: readonly Notice[],
  utcOffset: string,
): Promise<ApplyOutcome> {
  const writes = caseReportWrites(db, caseId, report, projectedSeq, notices, utcOffset);
  try {
    await db.batch(writes);
  } catch (error) {
    if (isUniqueViolation(error, 'timeline_events')) return 'duplicate';
    throw error;
  }
  return 'applied';
}
