import { onBehalfQuerySchema, stepExamples, stepNames, stepPayloadSchemas } from '../../schemas/steps';
import { isMediatorStep } from '../../domain/permissions';
import { refusalCodes } from '../../schemas/refusal';
import { idempotencyKeyParameter } from '../../schemas/idempotency-key';
import { caseResponse, errorResponse, invalidResponse, jsonSchema, queryParameters, refusedBeyondSchema } from '../document/openapi-parts';

/** What the cases API serves beneath /api/cases: a whole case, each step on it, and a merged report split out again. */
export function casesApiPaths(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  paths['/api/cases/{id}'] = {
    get: {
      tags: ['cases'],
      summary: 'A case: its projection, open clocks with due times, parties and timeline',
      security: [{ bearer: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: { 200: caseResponse('The case.'), 401: errorResponse('No valid bearer token.'), 404: errorResponse('No such case within your jurisdiction.') },
    },
  };
  // One path per step, each with its own body: a body is only ever read as the step its path names.
  const refusalResponse = (description: string, words: 'message' | 'reason') => ({
    description,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['error', words, 'code', 'params'],
          properties: {
            error: { type: 'string' },
            [words]: { type: 'string' },
            code: { type: 'string', enum: Object.keys(refusalCodes) },
            params: { type: 'object', description: 'The values the code names, each of the kind schemas/refusal.ts gives it.' },
          },
        },
      },
    },
  });
  for (const step of stepNames) {
    paths[`/api/cases/{id}/steps/${step}`] = {
      post: {
        tags: ['steps'],
        summary: `Take the step \`${step}\` on a case (a mediator, a supervisor or a department, as the step allows)`,
        security: [{ bearer: [] }],
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          idempotencyKeyParameter('A retried step with the same key runs once.'),
          ...(isMediatorStep(step)
            ? queryParameters(onBehalfQuerySchema, {
                onBehalfOfAssignee: '1: a supervisor records this mediator’s step for the mediator the case is dispatched to (the timeline says so); anyone else is refused with 403.',
              })
            : []),
        ],
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(stepPayloadSchemas[step]), example: stepExamples[step] } } },
        responses: {
          200: caseResponse('Taken: the case as it now stands.'),
          400: errorResponse('The body is not valid JSON.'),
          403: refusalResponse('Not yours to step: a grid worker, another mediator’s case, a case not dispatched to you or not yet accepted, or a mediator’s step asked of a supervisor.', 'message'),
          404: errorResponse('No such case within your jurisdiction.'),
          409: refusalResponse('Not allowed now; `reason` says why in English, `code` and `params` for a program to act on or word itself.', 'reason'),
          415: errorResponse('The body is not sent as application/json.'),
          422: refusedBeyondSchema(
            ['mediatorUnknown', 'caseUnknown'],
            'Beyond the formats: a mediator who does not serve the case’s jurisdiction (`mediatorUnknown`), a duplicate of no case you can see (`caseUnknown`).',
          ),
          503: errorResponse('Temporal is unreachable; the step may not have been taken: send it again with the same Idempotency-Key.'),
        },
      },
    };
  }
  paths['/api/cases/{id}/repeats/{eventId}/split'] = {
    post: {
      tags: ['cases'],
      summary: 'A supervisor splits a report wrongly merged into this case out into a case of its own',
      description:
        'An intake found to be the same dispute as an earlier case joins it (200 with `mergedInto`): its `repeat_report` timeline row keeps the whole intake. ' +
        'Splitting files that intake as a new case, without looking for a repeat; the new case shows `splitFrom`, and this case gets a `repeat_split` timeline row naming it.',
      security: [{ bearer: [] }],
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        { name: 'eventId', in: 'path', required: true, schema: { type: 'integer' }, description: 'The `id` of the `repeat_report` row on the case’s timeline.' },
      ],
      responses: {
        201: caseResponse('Split: the new case, queued or open as any filing.'),
        401: errorResponse('No valid bearer token.'),
        403: errorResponse('Supervisors and admins only.'),
        404: errorResponse('No such case within your jurisdiction, or no such merged report on it.'),
        409: errorResponse('Already split (`case` names the case it became), or merged before whole intakes were kept.'),
        422: invalidResponse,
      },
    },
  };
  return paths;
}
