import * as v from 'valibot';

/**
 * Temporal's HTTP API answers an error with the gRPC status it stands for: `{ code, message, details }`, each
 * detail naming its kind in `@type`. The edge decides what to do from those, never from the wording.
 */
const grpcStatus = { invalidArgument: 3, deadlineExceeded: 4, notFound: 5, alreadyExists: 6, resourceExhausted: 8, unavailable: 14 } as const;
const retryableCodes: readonly number[] = [grpcStatus.deadlineExceeded, grpcStatus.resourceExhausted, grpcStatus.unavailable];
const detailType = (name: string) => `type.googleapis.com/temporal.api.errordetails.v1.${name}`;

const errorBodySchema = v.object({
  code: v.number(),
  message: v.optional(v.string(), ''),
  details: v.optional(v.array(v.looseObject({ '@type': v.string(), runId: v.optional(v.string()) })), []),
});
type ErrorBody = v.InferOutput<typeof errorBodySchema>;

function readErrorBody(text: string): ErrorBody | undefined {
  try {
    const parsed = v.safeParse(errorBodySchema, JSON.parse(text));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Temporal could not be reached or did not answer in time: the caller keeps the work in its outbox. `answered` when
 * Temporal itself said so (a run closing for continue-as-new aborts the updates waiting on it, and says try again).
 */
export class TemporalUnavailableError extends Error {
  override name = 'TemporalUnavailableError';
  constructor(
    message: string,
    readonly answered = false,
  ) {
    super(message);
  }
}

/** Temporal understood the request and refused it; retrying the same request will not help. */
export class TemporalRefusedError extends Error {
  override name = 'TemporalRefusedError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(message);
  }

  private detail(name: string) {
    return this.body?.details.find((detail) => detail['@type'] === detailType(name));
  }

  /** The workflow ID is taken by a run that is already there; that run's ID. */
  get alreadyStartedRunId(): string | undefined {
    return this.body?.code === grpcStatus.alreadyExists ? this.detail('WorkflowExecutionAlreadyStartedFailure')?.runId : undefined;
  }

  /** No such workflow, or it has finished (Temporal answers both alike). */
  get isWorkflowNotFound(): boolean {
    return this.body?.code === grpcStatus.notFound && this.detail('NotFoundFailure') !== undefined;
  }
}

/** What an unsuccessful answer means: try again later, or never. */
export function temporalError(path: string, status: number, text: string): Error {
  const body = readErrorBody(text);
  const message = `Temporal answered ${status} to ${path}: ${body?.message ?? text.slice(0, 500)}`;
  const retryable = status >= 500 || status === 429 || (body !== undefined && retryableCodes.includes(body.code));
  return retryable ? new TemporalUnavailableError(message, true) : new TemporalRefusedError(message, status, body);
}
