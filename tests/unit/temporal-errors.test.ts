import { describe, expect, it } from 'vitest';
import { TemporalRefusedError, TemporalUnavailableError, temporalError } from '../../workers/sync/temporal-errors';

/** Bodies as Temporal's HTTP API (CLI 1.9, server 1.32) answers them. */
const alreadyStarted = JSON.stringify({
  code: 6,
  message: 'Workflow execution is already running. WorkflowId: run1, RunId: 01a20933-59b2-7c80-96ec-68376950529b.',
  details: [
    {
      '@type': 'type.googleapis.com/temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure',
      startRequestId: 'r-b',
      runId: '01a20933-59b2-7c80-96ec-68376950529b',
    },
  ],
});
const completed = JSON.stringify({
  code: 5,
  message: 'workflow execution already completed',
  details: [{ '@type': 'type.googleapis.com/temporal.api.errordetails.v1.NotFoundFailure' }],
});
const namespaceMissing = JSON.stringify({
  code: 5,
  message: 'Namespace no-such-ns is not found.',
  details: [{ '@type': 'type.googleapis.com/temporal.api.errordetails.v1.NamespaceNotFoundFailure', namespace: 'no-such-ns' }],
});

describe('what the edge makes of Temporal’s refusals', () => {
  it('a start that finds the case’s workflow already there counts as started, with that run', () => {
    const error = temporalError('/workflows/run1', 409, alreadyStarted);
    expect(error).toBeInstanceOf(TemporalRefusedError);
    expect((error as TemporalRefusedError).alreadyStartedRunId).toBe('01a20933-59b2-7c80-96ec-68376950529b');
  });

  it('a step on a finished workflow is a closed case, but a missing namespace is not', () => {
    expect((temporalError('/workflows/x/update/step', 404, completed) as TemporalRefusedError).isWorkflowNotFound).toBe(true);
    const misconfigured = temporalError('/workflows/x/update/step', 404, namespaceMissing) as TemporalRefusedError;
    expect(misconfigured.isWorkflowNotFound).toBe(false);
    expect(misconfigured.alreadyStartedRunId).toBeUndefined();
  });

  it('overload and outages are worth retrying; a malformed request is not', () => {
    expect(temporalError('/workflows/x', 503, 'upstream connect error')).toBeInstanceOf(TemporalUnavailableError);
    expect(temporalError('/workflows/x', 429, JSON.stringify({ code: 8, message: 'namespace rate limit exceeded' }))).toBeInstanceOf(TemporalUnavailableError);
    expect(temporalError('/workflows/x', 400, JSON.stringify({ code: 3, message: 'taskQueue is not set' }))).toBeInstanceOf(TemporalRefusedError);
  });
});
