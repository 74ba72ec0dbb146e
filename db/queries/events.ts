import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { CaseEvent } from '../../schemas/case';
import type { Database } from '../client';
import { isUniqueViolation } from '../errors';
import { caseClocks, cases, notifications, outbox, timelineEvents } from '../schema';

export type ApplyOutcome = 'applied' | 'duplicate' | 'unknownCase';

/**
 * Projects one workflow event into D1 in one batch: its timeline row, the case as it now stands, its clocks and
 * whoever must be told. The timeline row keyed by (case, seq) goes first: a retried report fails on it and the
 * whole batch rolls back, so nothing is applied twice; a report older than what D1 shows adds its timeline row only.
 */
export async function applyCaseEvent(db: Database, caseId: string, event: CaseEvent): Promise<ApplyOutcome> {
  const [known] = await db
    .select({ projectedSeq: cases.projectedSeq, jurisdictionCode: cases.jurisdictionCode, jurisdictionPath: cases.jurisdictionPath })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!known) return 'unknownCase';
  const { projection } = event;
  const writes: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
    db.insert(timelineEvents).values({
      caseId,
      workflowSeq: event.seq,
      type: event.type,
      actor: event.actor,
      reason: event.reason,
      detail: event.detail,
      at: event.at,
    }),
  ];
  // The workflow speaks, so it runs: its start needs no retrying.
  writes.push(
    db
      .update(outbox)
      .set({ doneAt: event.at })
      .where(and(eq(outbox.caseId, caseId), eq(outbox.kind, 'start_workflow'), isNull(outbox.doneAt))),
  );
  if (event.seq > known.projectedSeq) {
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
          paused: projection.paused,
          overdue: projection.overdue,
          processState: projection.state,
          projectedSeq: event.seq,
          updatedAt: event.at,
        })
        .where(and(eq(cases.id, caseId), lt(cases.projectedSeq, event.seq))),
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
            },
          }),
      );
    }
  }
  if (event.notify) {
    const county = known.jurisdictionPath.split('/').filter(Boolean)[0]!;
    const recipient = event.notify === 'assignee' ? projection.assigneeId : event.notify === 'station' ? known.jurisdictionCode : county;
    // A warning for a case nobody holds yet goes to the station that must dispatch it.
    writes.push(
      db.insert(notifications).values({
        caseId,
        workflowSeq: event.seq,
        kind: event.type,
        audience: recipient ? event.notify : 'station',
        recipient: recipient ?? known.jurisdictionCode,
        createdAt: event.at,
      }),
    );
  }
  try {
    await db.batch(writes);
  } catch (error) {
    if (isUniqueViolation(error, 'timeline_events')) return 'duplicate';
    throw error;
  }
  return 'applied';
}
