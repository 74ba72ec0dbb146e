import { findBatch, findBatchWithCounts, insertBatch, listInstructions, type NewInstruction } from '../../db/queries/batches';
import { markStartFailed } from '../../db/queries/outbox';
import type { SignedInUser } from '../../db/queries/users';
import type { BatchOptions, RawLine } from '../../schemas/batch';
import type { BatchWorkflowInput } from '../../schemas/batch-workflow';
import type { Intake } from '../../schemas/intake';
import type { SlaPolicy } from '../../schemas/policy';
import type { BatchStatus } from '../../schemas/vocabulary';
import { sha256Hex } from '../runtime/crypto';
import { t, type FieldError, type Lang } from '../i18n/messages';
import { checkLines } from './check-lines';
import { toBatchView, type BatchView } from './batch-view';
import type { EdgeServices } from '../runtime/edge-services';
import { fileAndStart } from '../intake/file-and-start';
import { retryPendingBatchOutbox } from '../sync/outbox-delivery';

export interface BatchRequest {
  user: SignedInUser;
  batchId: string;
  options: BatchOptions;
  lines: RawLine[];
  policy: SlaPolicy;
  lang: Lang;
  now?: Date;
}

export type BatchAnswer = { kind: 'created' | 'replayed'; view: BatchView } | { kind: 'idTaken' } | { kind: 'idReused' };

const rejected = (line: number, fields: Record<string, unknown> | undefined, errors: FieldError[]): NewInstruction => ({
  line,
  kind: null,
  payload: fields ?? {},
  status: 'rejected',
  error: errors,
});

/** The batch as D1 holds it; a replay also retries its start and feedback still waiting in the outbox. */
async function replay(services: EdgeServices, request: BatchRequest, requestHash: string): Promise<BatchAnswer> {
  const batch = await findBatch(services.db, request.batchId);
  if (!batch) throw new Error(`batch ${request.batchId} vanished`);
  // Workflow IDs are global, so another user's batch under the same ID is theirs, not a replay of it.
  if (batch.createdBy !== request.user.id) return { kind: 'idTaken' };
  if (batch.requestHash !== requestHash) return { kind: 'idReused' };
  await retryPendingBatchOutbox(services.db, services.gateway, batch.id);
  const fresh = await findBatchWithCounts(services.db, batch.id);
  if (!fresh) throw new Error(`batch ${request.batchId} vanished`);
  return { kind: 'replayed', view: toBatchView(fresh, await listInstructions(services.db, batch.id)) };
}

/**
 * Writes what checkLines decided: an instruction as pending, a bad line as rejected with its errors, and a dispute line
 * filed as a grid-channel case through intake, under a key made of the batch and the line, so a batch re-sent after a
 * failure finds the same cases rather than filing them twice.
 */
async function readLines(services: EdgeServices, request: BatchRequest): Promise<NewInstruction[]> {
  const lines: NewInstruction[] = [];
  for (const read of await checkLines(services, request.user, request.lines, request.lang)) {
    if (read.status === 'rejected') lines.push(rejected(read.line, read.fields, read.errors));
    else if (read.status === 'pending') lines.push({ line: read.line, kind: read.kind, assigneeId: read.assigneeId, payload: read.payload, status: 'pending' });
    else lines.push(await fileDisputeLine(services, request, read.line, read.fields ?? {}, read.intake));
  }
  return lines;
}

async function fileDisputeLine(services: EdgeServices, request: BatchRequest, line: number, fields: Record<string, unknown>, intake: Intake<'grid'>): Promise<NewInstruction> {
  const { user, policy, lang } = request;
  const answer = await fileAndStart(services, { user, channel: 'grid', intake, idempotencyKey: `batch:${request.batchId}:${line}`, policy, lang });
  if (answer.kind === 'invalid') return rejected(line, fields, answer.errors);
  if (answer.kind === 'keyReused') return rejected(line, fields, [{ field: '', code: 'idempotencyReused', message: t(lang, 'error.idempotencyReused') }]);
  return { line, kind: 'dispute', payload: fields, status: 'case_filed', caseId: answer.view.id };
}

/** How long each line's feedback may take: what the dispatcher chose, else the SLA policy's. */
export const feedbackWithinOf = (options: BatchOptions, policy: SlaPolicy) => options.feedbackWithin ?? policy.instructionFeedbackWithin;

/** Writes the batch and its lines, then starts its workflow at once; if Temporal is away the outbox keeps the start. */
export async function dispatchBatch(services: EdgeServices, request: BatchRequest): Promise<BatchAnswer> {
  const { db, gateway, defer } = services;
  const { user, options, policy } = request;
  const requestHash = await sha256Hex(JSON.stringify([options.title ?? null, options.feedbackWithin ?? null, request.lines]));
  if (await findBatch(db, request.batchId)) return replay(services, request, requestHash);

  const lines = await readLines(services, request);
  const at = (request.now ?? new Date()).toISOString();
  const feedbackWithin = feedbackWithinOf(options, policy);
  const clocked = lines.filter((line) => line.status === 'pending').map((line) => line.line);
  const workflowInput: BatchWorkflowInput = { batchId: request.batchId, feedbackWithin, warnAtShare: policy.warnAtShare, lines: clocked };
  const batch = {
    id: request.batchId,
    title: options.title ?? null,
    status: clocked.length ? ('queued' as const) : ('done' as const),
    requestHash,
    feedbackWithin,
    createdBy: user.id,
    jurisdictionCode: user.jurisdictionCode,
    jurisdictionPath: user.jurisdictionPath,
    createdAt: at,
    updatedAt: at,
  };
  const written = await insertBatch(db, batch, lines, clocked.length ? { kind: 'start_batch', payload: workflowInput } : undefined);
  // The same batch sent twice at once: the other request wrote it, and this one answers as a replay would.
  if (written === 'exists') return replay(services, request, requestHash);

  let status: BatchStatus = batch.status;
  if (written.outboxId !== undefined) {
    try {
      await gateway.startBatch(workflowInput);
      status = 'running';
    } catch (error) {
      defer(markStartFailed(db, written.outboxId, error instanceof Error ? error.message : String(error)));
    }
  }
  const [saved, savedLines] = await Promise.all([findBatchWithCounts(db, batch.id), listInstructions(db, batch.id)]);
  if (!saved) throw new Error(`batch ${batch.id} vanished`);
  return { kind: 'created', view: toBatchView({ ...saved, status }, savedLines) };
}
