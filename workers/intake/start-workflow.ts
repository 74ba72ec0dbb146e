import * as v from 'valibot';
import type { Database } from '../../db/client';
import { findPendingStart, markStartFailed, markWorkflowStarted, pendingOutbox } from '../../db/queries/cases';
import type { outbox } from '../../db/schema';
import { caseWorkflowInputSchema, type CaseWorkflowInput } from '../../schemas/case';
import { TemporalUnavailableError, type WorkflowGateway } from '../temporal/gateway';

type OutboxRow = typeof outbox.$inferSelect;
type StartOutcome = 'started' | 'unavailable' | 'refused';

/**
 * Starts a just-filed case's workflow with the input in hand. Recording the outcome on the outbox row is
 * handed to `defer` (the request's waitUntil): should that write be lost, the cron finds the row still
 * pending and starts the case again, which Temporal answers with the run already there.
 */
export async function startFiledCase(
  db: Database,
  gateway: WorkflowGateway,
  filed: { outboxId: number; workflowInput: CaseWorkflowInput },
  defer: (work: Promise<unknown>) => void,
): Promise<StartOutcome> {
  try {
    const { runId } = await gateway.startCase(filed.workflowInput);
    defer(markWorkflowStarted(db, filed.outboxId, filed.workflowInput.caseId, runId, new Date().toISOString()));
    return 'started';
  } catch (error) {
    defer(markStartFailed(db, filed.outboxId, error instanceof Error ? error.message : String(error)));
    return error instanceof TemporalUnavailableError ? 'unavailable' : 'refused';
  }
}

/** Starts one case's workflow from its outbox row. A failure leaves the row for the next drain; nothing is lost. */
export async function startFromOutbox(db: Database, gateway: WorkflowGateway, row: OutboxRow): Promise<StartOutcome> {
  try {
    const input = v.parse(caseWorkflowInputSchema, row.payload);
    const { runId } = await gateway.startCase(input);
    await markWorkflowStarted(db, row.id, row.caseId, runId, new Date().toISOString());
    return 'started';
  } catch (error) {
    await markStartFailed(db, row.id, error instanceof Error ? error.message : String(error));
    return error instanceof TemporalUnavailableError ? 'unavailable' : 'refused';
  }
}

export async function retryPendingStart(db: Database, gateway: WorkflowGateway, caseId: string): Promise<StartOutcome> {
  const row = await findPendingStart(db, caseId);
  return row ? startFromOutbox(db, gateway, row) : 'started';
}

/** The cron trigger's work: start whatever Temporal could not take when it was filed, oldest first. */
export async function drainOutbox(db: Database, gateway: WorkflowGateway, limit = 100) {
  const rows = await pendingOutbox(db, limit);
  let started = 0;
  for (const row of rows) {
    const outcome = await startFromOutbox(db, gateway, row);
    if (outcome === 'started') started += 1;
    if (outcome === 'unavailable') break; // Temporal is still away; the rest would fail the same way.
  }
  return { pending: rows.length, started };
}
