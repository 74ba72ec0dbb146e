import * as v from 'valibot';
import type { Database } from '../../db/client';
import { findCase } from '../../db/queries/cases';
import { findBatch } from '../../db/queries/batches';
import { findPendingBatchOutbox, findPendingOutbox, findStartInput, markBatchStarted, markOutboxDone, markStartFailed, markWorkflowStarted, pendingOutbox, type OutboxRow } from '../../db/queries/outbox';
import { outboxMessageSchema, type OutboxMessage } from '../../schemas/outbox';
import { caseWorkflowInputSchema, type CaseWorkflowInput } from '../../schemas/workflow-input';
import { instructionFeedbackSignalName, policyChangedSignalName, repeatReportSignalName } from '../../schemas/workflow-names';
import { TemporalRefusedError, TemporalUnavailableError, type WorkflowGateway } from '../temporal/gateway';

/** How long a started workflow may stay silent before the cron starts it again (Temporal keeps the first run). */
const silentStartMs = 30_000;
type DeliveryOutcome = 'started' | 'unavailable' | 'refused';

const failureOutcome = (error: unknown): DeliveryOutcome => (error instanceof TemporalUnavailableError ? 'unavailable' : 'refused');

async function recordFailure(db: Database, row: { id: number }, error: unknown): Promise<DeliveryOutcome> {
  await markStartFailed(db, row.id, error instanceof Error ? error.message : String(error));
  return failureOutcome(error);
}

/**
 * Starts a just-filed case's workflow with the input in hand. A start that went through writes nothing more:
 * the workflow's first report closes the outbox row and opens the case. A failed one is recorded through
 * `defer` (the request's waitUntil) so the cron retries it at once; should even that write be lost, the cron
 * retries the row once it has stayed silent a while, and Temporal answers a repeated start with the run there.
 */
export async function startFiledCase(
  db: Database,
  gateway: WorkflowGateway,
  filed: { outboxId: number; workflowInput: CaseWorkflowInput },
  defer: (work: Promise<unknown>) => void,
): Promise<DeliveryOutcome> {
  try {
    await gateway.startCase(filed.workflowInput);
    return 'started';
  } catch (error) {
    defer(recordFailure(db, { id: filed.outboxId }, error));
    return failureOutcome(error);
  }
}

/** The case a case's row serves; a row of a case kind without one was written wrong and stays for a look. */
function caseIdOf(row: OutboxRow): string {
  if (!row.caseId) throw new Error(`outbox row ${row.id} (${row.kind}) names no case`);
  return row.caseId;
}

/**
 * Hands a repeat report to the case's workflow. Signal-with-start reaches a running workflow and, for a case
 * whose workflow has finished, starts it again: from the state D1 kept once the case left `open`, else from its
 * filing, its reports numbered after the ones D1 already holds.
 */
async function deliverRepeatReport(db: Database, gateway: WorkflowGateway, row: OutboxRow, report: OutboxMessage['payload']) {
  const caseId = caseIdOf(row);
  const [caseRow, startInput] = await Promise.all([findCase(db, caseId), findStartInput(db, caseId)]);
  if (!caseRow || !startInput) throw new Error(`case ${caseId} has no workflow input to reopen it with`);
  const input = v.parse(caseWorkflowInputSchema, startInput);
  const resumed: CaseWorkflowInput = { ...input, seqAfter: caseRow.projectedSeq, resumeState: caseRow.resumeState ?? undefined };
  await gateway.signalWithStartCase(resumed, repeatReportSignalName, report);
}

/** A new policy for a running case; a case whose workflow has ended has no clocks left to re-plan. */
async function deliverPolicy(db: Database, gateway: WorkflowGateway, row: OutboxRow, policy: OutboxMessage['payload']) {
  try {
    await gateway.signalCase(caseIdOf(row), policyChangedSignalName, policy);
  } catch (error) {
    // Temporal answers alike for a workflow that ended and one not started yet; only the second must still hear of it.
    const ended = error instanceof TemporalRefusedError && error.isWorkflowNotFound && (await findCase(db, caseIdOf(row)))?.status !== 'queued';
    if (!ended) throw error;
  }
}

/** Feedback stops the instruction's clock; a batch whose workflow has ended has no clock left to stop. */
async function deliverFeedback(db: Database, gateway: WorkflowGateway, feedback: Extract<OutboxMessage, { kind: 'instruction_feedback' }>['payload']) {
  try {
    await gateway.signalBatch(feedback.batchId, instructionFeedbackSignalName, feedback);
  } catch (error) {
    const ended = error instanceof TemporalRefusedError && error.isWorkflowNotFound && (await findBatch(db, feedback.batchId))?.status === 'done';
    if (!ended) throw error;
  }
}

/** Carries out one outbox row. A failure leaves the row for the next drain; nothing is lost. */
export async function deliverOutboxRow(db: Database, gateway: WorkflowGateway, row: OutboxRow): Promise<DeliveryOutcome> {
  try {
    const message = v.parse(outboxMessageSchema, { kind: row.kind, payload: row.payload });
    switch (message.kind) {
      case 'repeat_report':
        await deliverRepeatReport(db, gateway, row, message.payload);
        break;
      case 'policy_changed':
        await deliverPolicy(db, gateway, row, message.payload);
        break;
      case 'instruction_feedback':
        await deliverFeedback(db, gateway, message.payload);
        break;
      case 'start_workflow': {
        const { runId } = await gateway.startCase(message.payload);
        await markWorkflowStarted(db, row.id, caseIdOf(row), runId, new Date().toISOString());
        return 'started';
      }
      case 'start_batch':
        await gateway.startBatch(message.payload);
        await markBatchStarted(db, row.id, message.payload.batchId, new Date().toISOString());
        return 'started';
    }
    await markOutboxDone(db, row.id, new Date().toISOString());
    return 'started';
  } catch (error) {
    return recordFailure(db, row, error);
  }
}

/** Retries whatever of one case is still pending, in order: a replayed request never leaves its case waiting longer. */
export async function retryPendingOutbox(db: Database, gateway: WorkflowGateway, caseId: string) {
  for (const row of await findPendingOutbox(db, caseId)) {
    if ((await deliverOutboxRow(db, gateway, row)) !== 'started') return;
  }
}

/** Retries whatever of one batch is still pending, in order, as a re-sent batch or a feedback does. */
export async function retryPendingBatchOutbox(db: Database, gateway: WorkflowGateway, batchId: string) {
  for (const row of await findPendingBatchOutbox(db, batchId)) {
    if ((await deliverOutboxRow(db, gateway, row)) !== 'started') return;
  }
}

/** The cron trigger's work: deliver whatever Temporal could not take at the time, oldest first. */
export async function drainOutbox(db: Database, gateway: WorkflowGateway, limit = 100) {
  const rows = await pendingOutbox(db, limit, new Date(Date.now() - silentStartMs).toISOString());
  let started = 0;
  for (const row of rows) {
    const outcome = await deliverOutboxRow(db, gateway, row);
    if (outcome === 'started') started += 1;
    if (outcome === 'unavailable') break; // Temporal is still away; the rest would fail the same way.
  }
  return { pending: rows.length, started };
}
