import * as v from 'valibot';
import { caseReportSchema, type CaseReport } from '../../schemas/case-event';
import { refusal, refusalSchema, type Refusal } from '../../schemas/refusal';
import type { StepUpdate } from '../../schemas/steps';
import type { CaseWorkflowInput } from '../../schemas/workflow-input';
import type { BatchWorkflowInput } from '../../schemas/batch-workflow';
import { batchWorkflowId, batchWorkflowType, caseWorkflowType, stepUpdateName } from '../../schemas/workflow-names';
import { TemporalRefusedError, TemporalUnavailableError, temporalError } from './temporal-errors';

export { TemporalRefusedError, TemporalUnavailableError };

/** The case's state after the step, when Temporal sends it back with the answer. */
/** A step taken answers with the reports it drafted (none from a run that delivered them before answering). */
export type StepOutcome = { ok: true; reports: CaseReport[] } | { ok: false; refusal: Refusal };

/** Everything the edge asks of Temporal, behind one seam so the transport can change without touching routes. */
export interface WorkflowGateway {
  startCase(input: CaseWorkflowInput): Promise<{ runId: string }>;
  /** Runs a step as an update: the new state, or the reason the workflow refused it. */
  executeStep(caseId: string, update: StepUpdate, updateId: string): Promise<StepOutcome>;
  signalCase(caseId: string, signal: string, arg: unknown): Promise<void>;
  /** Signals a case's workflow, starting it again from `input` if it has finished (a closed case reopened). */
  signalWithStartCase(input: CaseWorkflowInput, signal: string, arg: unknown): Promise<void>;
  /** Starts a batch's workflow (ID `batch/<id>`); idempotent like a case's start. */
  startBatch(input: BatchWorkflowInput): Promise<{ runId: string }>;
  signalBatch(batchId: string, signal: string, arg: unknown): Promise<void>;
  /** How many workers poll the case task queue right now; null when Temporal does not answer. */
  pollingWorkers(): Promise<number | null>;
}

/** Where Temporal is, from the Worker's bindings. */
export interface TemporalBindings {
  TEMPORAL_HTTP_URL: string;
  TEMPORAL_NAMESPACE: string;
  TEMPORAL_TASK_QUEUE: string;
  /** Temporal Cloud's API key; unset for a local dev server. */
  TEMPORAL_API_KEY?: string;
}

const requestTimeoutMs = 5_000;
/** A step returns once the workflow has projected it to D1, which may take a retry or two. */
const stepTimeoutMs = 25_000;
// A step sent again needs this long at least for Temporal to hand it to the workflow and hear back.
const minimumStepWaitMs = 3_000;

const base64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));

/**
 * A payload spelled out in full. The HTTP API's shorthand (plain JSON values) turns empty arrays into null,
 * which the workflow's input schema rightly refuses.
 */
function jsonPayload(value: unknown) {
  const encoder = new TextEncoder();
  return { metadata: { encoding: base64(encoder.encode('json/plain')) }, data: base64(encoder.encode(JSON.stringify(value))) };
}

/** Answers come back either spelled out (base64 data) or as the shorthand's plain JSON. */
function fromPayload(payload: unknown): unknown {
  const spelled = payload as { data?: string; metadata?: unknown } | undefined;
  if (spelled && typeof spelled === 'object' && typeof spelled.data === 'string' && spelled.metadata) {
    const bytes = Uint8Array.from(atob(spelled.data), (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  }
  return payload;
}

/**
 * The workflow's validator refuses a step with its refusal as JSON (workflows/case/workflow.ts); a failure that is not
 * one (a workflow of another version, a message of Temporal's own) is kept whole as the problem of a non-step.
 */
export function refusalOfFailure(message: string | undefined): Refusal {
  try {
    const parsed = v.safeParse(refusalSchema, JSON.parse(message ?? ''));
    if (parsed.success) return parsed.output;
  } catch {
    // Not JSON: said below as it came.
  }
  return refusal('notAStep', { problems: message ?? 'the step was refused' });
}

/** The reports a step answered with, each checked as /internal checks it; a run from before answered with none. */
function reportsOf(answer: unknown): CaseReport[] {
  const encoded = (answer as { reportsJson?: unknown } | undefined)?.reportsJson;
  const reports: unknown = typeof encoded === 'string' ? JSON.parse(encoded) : undefined;
  if (!Array.isArray(reports)) return [];
  return reports.flatMap((report) => {
    const parsed = v.safeParse(caseReportSchema, report);
    return parsed.success ? [parsed.output] : [];
  });
}

/** workerd cannot speak gRPC, so the edge uses Temporal's HTTP API. */
export class HttpWorkflowGateway implements WorkflowGateway {
  constructor(
    private readonly baseUrl: string,
    private readonly namespace: string,
    private readonly taskQueue: string,
    private readonly apiKey?: string,
  ) {}

  static fromEnv(env: TemporalBindings) {
    return new HttpWorkflowGateway(env.TEMPORAL_HTTP_URL, env.TEMPORAL_NAMESPACE, env.TEMPORAL_TASK_QUEUE, env.TEMPORAL_API_KEY);
  }

  private async call(path: string, body?: unknown, timeoutMs = requestTimeoutMs): Promise<Record<string, unknown>> {
    const url = `${this.baseUrl}/api/v1/namespaces/${encodeURIComponent(this.namespace)}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new TemporalUnavailableError(`Temporal is unreachable at ${this.baseUrl}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw temporalError(path, response.status, text);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  /**
   * Starting is idempotent: the workflow ID is the request ID, so a retried start finds the first run, and a
   * case or batch whose workflow already ran (and finished) counts as started.
   */
  private async start(workflowType: string, workflowId: string, input: unknown) {
    try {
      const answer = await this.call(`/workflows/${encodeURIComponent(workflowId)}`, {
        workflowType: { name: workflowType },
        taskQueue: { name: this.taskQueue },
        input: { payloads: [jsonPayload(input)] },
        requestId: workflowId,
        workflowIdConflictPolicy: 'WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING',
        workflowIdReusePolicy: 'WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE',
      });
      return { runId: String(answer.runId) };
    } catch (error) {
      const existingRun = error instanceof TemporalRefusedError ? error.alreadyStartedRunId : undefined;
      if (existingRun) return { runId: existingRun };
      throw error;
    }
  }

  startCase(input: CaseWorkflowInput) {
    return this.start(caseWorkflowType, input.caseId, input);
  }

  startBatch(input: BatchWorkflowInput) {
    return this.start(batchWorkflowType, batchWorkflowId(input.batchId), input);
  }

  /**
   * Takes a step and waits for its outcome. Temporal answers without one when the step was not yet accepted as its
   * wait ran out, or when the case's run closed under it (continue-as-new); the same update ID sent again attaches
   * to the step if it was taken and takes it on the new run if not, so it is sent again while the step's time lasts.
   */
  async executeStep(caseId: string, update: StepUpdate, updateId: string): Promise<StepOutcome> {
    const deadline = Date.now() + stepTimeoutMs;
    for (;;) {
      try {
        return await this.sendStep(caseId, update, updateId, deadline - Date.now());
      } catch (error) {
        const again = error instanceof TemporalUnavailableError && error.answered && deadline - Date.now() > minimumStepWaitMs;
        if (!again) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  private async sendStep(caseId: string, update: StepUpdate, updateId: string, timeoutMs: number): Promise<StepOutcome> {
    let answer: Record<string, unknown>;
    try {
      answer = await this.call(
        `/workflows/${encodeURIComponent(caseId)}/update/${stepUpdateName}`,
        {
          workflowExecution: { workflowId: caseId },
          // The update ID makes a retried step (same Idempotency-Key) run once.
          request: { meta: { updateId, identity: 'fengqiao-edge' }, input: { args: { payloads: [jsonPayload(update)] } } },
          waitPolicy: { lifecycleStage: 'UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED' },
        },
        timeoutMs,
      );
    } catch (error) {
      // A finished workflow takes no more steps: its case is closed.
      if (error instanceof TemporalRefusedError && error.isWorkflowNotFound) return { ok: false, refusal: refusal('closed') };
      throw error;
    }
    const outcome = answer.outcome as { success?: unknown; failure?: { message?: string } } | undefined;
    // Temporal gave up waiting before the workflow finished the step: it may still be taken.
    if (!outcome) {
      // Accepted means the validator took the step and the handler applies it at once; Temporal answers so when the
      // case's run ends in the same breath. Only a step still waiting to be accepted may or may not be taken.
      if (answer.stage === 'UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED') return { ok: true, reports: [] };
      throw new TemporalUnavailableError(`the step was not answered in time (${String(answer.stage)})`, true);
    }
    if (outcome.failure) return { ok: false, refusal: refusalOfFailure(outcome.failure.message) };
    const success = outcome.success as { payloads?: unknown[] } | unknown[] | undefined;
    const first = Array.isArray(success) ? success[0] : success?.payloads?.[0];
    return { ok: true, reports: reportsOf(fromPayload(first)) };
  }

  /** Signals a workflow by ID: a case's (its ID) or, through signalBatch, a batch's. */
  async signalCase(caseId: string, signal: string, arg: unknown) {
    await this.call(`/workflows/${encodeURIComponent(caseId)}/signal/${encodeURIComponent(signal)}`, {
      input: { payloads: [jsonPayload(arg)] },
    });
  }

  signalBatch(batchId: string, signal: string, arg: unknown) {
    return this.signalCase(batchWorkflowId(batchId), signal, arg);
  }

  async signalWithStartCase(input: CaseWorkflowInput, signal: string, arg: unknown) {
    await this.call(`/workflows/${encodeURIComponent(input.caseId)}/signal-with-start/${encodeURIComponent(signal)}`, {
      workflowType: { name: caseWorkflowType },
      taskQueue: { name: this.taskQueue },
      input: { payloads: [jsonPayload(input)] },
      signalInput: { payloads: [jsonPayload(arg)] },
      workflowIdReusePolicy: 'WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE',
    });
  }

  async pollingWorkers() {
    try {
      const queue = await this.call(`/task-queues/${encodeURIComponent(this.taskQueue)}?taskQueueType=TASK_QUEUE_TYPE_WORKFLOW`);
      // One worker process polls through one identity, however many pollers it runs.
      const identities = new Set(((queue.pollers as { identity?: string }[] | undefined) ?? []).map((poller) => poller.identity));
      return identities.size;
    } catch {
      return null;
    }
  }
}
