import * as v from 'valibot';
import type { Database } from '../../db/client';
import { findCase } from '../../db/queries/cases';
import { findBatch } from '../../db/queries/batches';
import { findPendingBatchOutbox, findPendingOutbox, findStartInput, markBatchStarted, markOutboxDone, markStartFailed, markWorkflowStarted, moveToDeadLetters, pendingOutbox, reviveDeadLetter, type OutboxRow } from '../../db/queries/outbox';
import { outboxMessageSchema, type OutboxMessage } from '../../schemas/outbox';
import { caseWorkflowInputSchema, type CaseWorkflowInput } from '../../schemas/workflow-input';
import { instructionFeedbackSignalName, policyChangedSignalName, repeatReportSignalName } from '../../schemas/workflow-names';
import { TemporalRefusedError, TemporalUnavailableError, type WorkflowGateway } from './gateway';

/** How long a started workflow may stay silent before the cron starts it again (Temporal keeps the first run). */
const silentStartMs = 30_000;
type DeliveryOutcome = 'started' | 'unavailable' | 'refused';

const failureOutcome = (error: unknown): DeliveryOutcome => (error instanceof TemporalUnavailableError ? 'unavailable' : 'refused');

/** Refused this many times, a row is a dead letter: whatever is wrong with it, trying again will not mend it. */
export const refusalsBeforeDeadLetter = 5;
/** How a refused row waits before its next try: the first wait, doubling after each refusal, never past the longest. */
export interface RefusalBackoff {
  firstMs: number;
  longestMs: number;
}
/** 1, 2, 4, 8 minutes: a dead letter some quarter of an hour after the first refusal. */
export const defaultRefusalBackoff: RefusalBackoff = { firstMs: 60_000, longestMs: 3_600_000 };
/** The back-off an edge is configured with (`OUTBOX_BACKOFF_MS` sets the first wait), else the default. */
export const refusalBackoffFrom = (env: { OUTBOX_BACKOFF_MS?: string }): RefusalBackoff =>
  env.OUTBOX_BACKOFF_MS ? { ...defaultRefusalBackoff, firstMs: Number(env.OUTBOX_BACKOFF_MS) } : defaultRefusalBackoff;
const waitAfter = (attempts: number, backoff: RefusalBackoff) => Math.min(backoff.firstMs * 2 ** (attempts - 1), backoff.longestMs);
/** The drain stops after this many rows in a row found Temporal away: the rest would wait on it the same way. */
const unavailableBeforeDrainStops = 3;

/**
 * Counts a failed delivery. Temporal being away says nothing about the row, which is tried again on the next drain;
 * a refusal does, so the row backs off, and once refused too often it leaves the drain for the dead letters.
 */
async function recordFailure(
  db: Database,
  row: { id: number; attempts?: number },
  error: unknown,
  backoff = defaultRefusalBackoff,
): Promise<DeliveryOutcome> {
  const reason = error instanceof Error ? error.message : String(error);
  const outcome = failureOutcome(error);
  const attempts = (row.attempts ?? 0) + 1;
  const now = Date.now();
  if (outcome === 'unavailable') await markStartFailed(db, row.id, reason);
  else if (attempts >= refusalsBeforeDeadLetter) await moveToDeadLetters(db, { id: row.id, attempts: attempts - 1 }, reason, new Date(now).toISOString());
  else await markStartFailed(db, row.id, reason, new Date(now + waitAfter(attempts, backoff)).toISOString());
  return outcome;
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
export async function deliverOutboxRow(db: Database, gateway: WorkflowGateway, row: OutboxRow, backoff = defaultRefusalBackoff): Promise<DeliveryOutcome> {
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
    return recordFailure(db, row, error, backoff);
  }
}

/** Retries whatever of one case is still pending, in order: a replayed request never leaves its case waiting longer. */
export async function retryPendingOutbox(db: Database, gateway: WorkflowGateway, caseId: string) {
  // Backed-off rows wait their turn: a replay or a step mends nothing Temporal refused, and would only spend a refusal.
  for (const row of await findPendingOutbox(db, caseId, new Date().toISOString())) {
    if ((await deliverOutboxRow(db, gateway, row)) !== 'started') return;
  }
}

/** Retries whatever of one batch is still pending, in order, as a re-sent batch or a feedback does. */
export async function retryPendingBatchOutbox(db: Database, gateway: WorkflowGateway, batchId: string) {
  // Backed off alike: a re-sent batch or a feedback mends nothing Temporal refused.
  for (const row of await findPendingBatchOutbox(db, batchId, new Date().toISOString())) {
    if ((await deliverOutboxRow(db, gateway, row)) !== 'started') return;
  }
}

/**
 * The cron trigger's work: deliver whatever Temporal could not take at the time, oldest first. A row refused moves
 * the drain on to the next; several rows in a row finding Temporal away stop it until the next run.
 */
export async function drainOutbox(db: Database, gateway: WorkflowGateway, { limit = 100, backoff = defaultRefusalBackoff } = {}) {
  const now = Date.now();
  const rows = await pendingOutbox(db, limit, new Date(now - silentStartMs).toISOString(), new Date(now).toISOString());
  let started = 0;
  let refused = 0;
  let awayInARow = 0;
  for (const row of rows) {
    const outcome = await deliverOutboxRow(db, gateway, row, backoff);
    if (outcome === 'started') started += 1;
    if (outcome === 'refused') refused += 1;
    awayInARow = outcome === 'unavailable' ? awayInARow + 1 : 0;
    if (awayInARow >= unavailableBeforeDrainStops) break;
  }
  return { pending: rows.length, started, refused };
}

/** An admin sends a dead letter back: it is tried at once, and stays in the drain if Temporal is away. */
export async function retryDeadLetter(
  db: Database,
  gateway: WorkflowGateway,
  outboxId: number,
  backoff = defaultRefusalBackoff,
): Promise<DeliveryOutcome | 'notDead'> {
  const row = await reviveDeadLetter(db, outboxId);
  if (!row) return 'notDead';
  return deliverOutboxRow(db, gateway, row, backoff);
}
