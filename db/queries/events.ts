import { and, eq } from 'drizzle-orm';
import type { CaseEvent } from '../../schemas/case';
import type { Database } from '../client';
import { caseClocks, cases, timelineEvents } from '../schema';

export type ApplyOutcome = 'applied' | 'duplicate' | 'unknownCase';

const isDuplicateSeq = (error: unknown) =>
  /UNIQUE constraint failed: timeline_events/.test(`${(error as Error)?.message} ${(error as Error)?.cause}`);

/**
 * Projects one workflow event into D1. The timeline row keyed by (case, seq) goes first in the batch:
 * a retried report fails on it and the whole batch rolls back, so nothing is applied twice.
 */
export async function applyCaseEvent(db: Database, caseId: string, event: CaseEvent): Promise<ApplyOutcome> {
  const [known] = await db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId));
  if (!known) return 'unknownCase';
  const { seq, type, at, ...detail } = event;
  const timeline = db.insert(timelineEvents).values({ caseId, workflowSeq: seq, type, actor: 'system', detail, at });
  const thisClock = and(eq(caseClocks.caseId, caseId), eq(caseClocks.clock, event.clock));
  try {
    switch (type) {
      case 'clock_warning':
        await db.batch([timeline, db.update(caseClocks).set({ warnedAt: at }).where(thisClock), db.update(cases).set({ updatedAt: at }).where(eq(cases.id, caseId))]);
        break;
      case 'clock_breached':
        await db.batch([
          timeline,
          db.update(caseClocks).set({ breachedAt: at }).where(thisClock),
          db.update(cases).set({ overdue: true, updatedAt: at }).where(eq(cases.id, caseId)),
        ]);
        break;
    }
  } catch (error) {
    if (isDuplicateSeq(error)) return 'duplicate';
    throw error;
  }
  return 'applied';
}
