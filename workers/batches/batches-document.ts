import * as v from 'valibot';
import { batchIdSchema, batchJsonSchema, batchListCursor, batchListQuerySchema, batchOptionsSchema, instructionFeedbackSchema, instructionLineSchema, instructionListCursor, instructionListQuerySchema, listMaxLimit, maxBatchLines } from '../../schemas/batch';
import { batchReportSchema } from '../../schemas/batch-workflow';
import { encodeKeyset } from '../../schemas/cursor';
import type { RefusalCode } from '../../schemas/refusal';
import { xlsxType } from './batch-lines';
import { codedRefusal, errorResponse, invalidResponse, jsonSchema, queryParameters, refusedBeyondSchema } from '../document/openapi-parts';

const security = [{ bearer: [] }];
/** Why feedback is refused (domain/instruction-feedback.ts). */
const feedbackRefusalCodes: RefusalCode[] = ['instructionAnswered', 'instructionRejected'];
const example = (schema: v.GenericSchema) => (v.getExamples(schema) as unknown[])[0];

const pageParameters = (schema: typeof batchListQuerySchema) =>
  queryParameters(schema, {
    limit: `Rows per page, 1 to ${listMaxLimit}; 50 unless asked.`,
    cursor: '`nextCursor` of the previous page: the page after it, without gaps or repeats while rows are written.',
  });
const pageOf = (example: object, nextCursor: string) => ({
  'application/json': {
    schema: { type: 'object', properties: { rows: { type: 'array', items: { type: 'object' } }, nextCursor: { type: 'string', nullable: true } } },
    example: { rows: [example], nextCursor },
  },
});
const exampleBatch = {
  id: 'XH-2026-W47',
  title: '第 47 周核查指令',
  status: 'running',
  feedbackWithin: 'P2D',
  createdBy: 'demo-supervisor-ly',
  jurisdictionCode: 'XH-LY',
  createdAt: '2026-11-23T02:00:00.000Z',
  counts: { lines: 2, accepted: 2, rejected: 0, casesFiled: 0, waitingToDispatch: 0, dispatched: 2, feedbackReceived: 1, overdue: 0 },
};
const exampleInstruction = {
  instructionId: 41,
  line: 1,
  kind: 'population',
  status: 'warning',
  assigneeId: 'demo-grid-ly',
  dueAt: '2026-11-25T02:00:00.000Z',
  overdueAt: null,
  feedbackAt: null,
  feedback: null,
  caseId: null,
  errors: null,
  payload: { subject: '白乐桥村 12 号 出租房人口核查' },
  batchId: 'XH-2026-W47',
  batchTitle: '第 47 周核查指令',
  state: 'warning',
};

/** Batches of verification instructions (核查指令): dispatch, read, answer, and the workflow's signed reports. */
export function batchPaths(): Record<string, unknown> {
  const instructionLine = { description: 'An instruction line; a `dispute` line is a grid intake with `kind: dispute`.', ...jsonSchema(instructionLineSchema) };
  return {
    '/api/batches': {
      get: {
        tags: ['batches'],
        summary: 'The batches of your jurisdiction and below, newest first, with what their lines come to (supervisors and admins)',
        security,
        parameters: pageParameters(batchListQuerySchema),
        responses: {
          200: {
            description: 'One page: `rows` (each batch with its `counts`: accepted, rejected, cases filed, dispatched, feedback received, overdue) and `nextCursor` (null on the last page).',
            content: pageOf(exampleBatch, encodeKeyset(batchListCursor.name, [exampleBatch.createdAt, exampleBatch.id])),
          },
          401: errorResponse('No valid bearer token.'),
          403: errorResponse('Supervisors and admins only.'),
          422: invalidResponse,
        },
      },
      post: {
        tags: ['batches'],
        summary: 'Dispatch a batch of verification instructions (supervisors and admins)',
        description: [
          `Up to ${maxBatchLines} lines. The content type decides how they are read: \`application/json\` (the options and \`lines\`), `,
          '`application/x-ndjson` (one JSON object per line), `text/csv` (UTF-8, with or without a BOM, or GBK as Excel saves it; a ',
          'header row; intake fields as dot-path columns such as `where.address`, `parties.0.name`) or an xlsx workbook (its first sheet, ',
          'read as the CSV); for all but JSON the options come as query parameters. A sheet’s headers may be the field names or their ',
          'Chinese names (类别, 承办人, 承办人辖区, 承办人编号, 核查对象, 说明, and the intake’s 纠纷类别, 发生地点…), and a kind, category or ',
          'party role the words the pages use (人口核查). Each line is checked on its own: an instruction (`population`, `premises`, ',
          '`anti_fraud`, `unit`) needs an active assignee within your jurisdiction, by `assigneeId` or by `assignee` (a grid worker’s or ',
          'mediator’s name; with `assigneePlace`, the name or code of their place, when two share the name); a `dispute` ',
          'line carries a grid intake and is filed as a case. A bad line is kept as `rejected` with one message per field and its line ',
          'number (CSV: the file’s line, the header being line 1) and stops none of the others. The batch ID is yours (`batchId`, or the ',
          '`Idempotency-Key` header): sending the same batch again answers 200 with the same batch and creates nothing twice. Its ',
          'workflow (`batchDispatch`) starts at once or, if Temporal is away, from the outbox.',
        ].join(''),
        security,
        parameters: [
          ...queryParameters(batchOptionsSchema, { feedbackWithin: 'Each instruction’s feedback clock (default: the policy’s `instructionFeedbackWithin`).' }),
          { name: 'Idempotency-Key', in: 'header', required: false, schema: jsonSchema(batchIdSchema), description: 'The batch ID, when neither the body nor the query names one.' },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: jsonSchema(batchJsonSchema), example: example(batchJsonSchema) },
            // Each line of the body is one such object.
            'application/x-ndjson': { schema: instructionLine, example: '{"kind":"unit","assigneeId":"demo-grid-ly","subject":"灵隐寺管委会"}' },
            'text/csv': { schema: { type: 'string' }, example: '类别,承办人,核查对象,说明\n人口核查,王网格员,白乐桥村 12 号,\n' },
            [xlsxType]: { schema: { type: 'string', format: 'binary' } },
          },
        },
        responses: {
          201: { description: 'The batch: counts, then every line (accepted, rejected with its errors, the case a dispute line became).' },
          200: { description: 'The same batch sent again (`Idempotent-Replayed: true`).' },
          401: errorResponse('No valid bearer token.'),
          403: errorResponse('Supervisors and admins only.'),
          409: errorResponse('Another user’s batch has this ID.'),
          413: errorResponse('Over 2 MiB.'),
          415: errorResponse('Not JSON, JSON lines, CSV or xlsx.'),
          422: refusedBeyondSchema(
            ['batchId', 'idempotencyReused', 'batchEmpty', 'batchResent', 'unreadable'],
            'No batch ID in the body, the query or the Idempotency-Key (`batchId`), bad options, no lines (`batchEmpty`), the ID used before for a different batch (`idempotencyReused`), ' +
              'or a CSV, xlsx or JSON-lines body that cannot be read as lines (`unreadable`: a sheet needs a header row naming a `kind` column, which a schema of a text cannot say).',
          ),
        },
      },
    },
    '/api/batches/{id}': {
      get: {
        tags: ['batches'],
        summary: 'A batch: counts (accepted, rejected, cases filed, dispatched, feedback received, overdue) and every line (supervisors and admins)',
        security,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'The batch.' }, 401: errorResponse('No valid bearer token.'), 403: errorResponse('Supervisors and admins only.'), 404: errorResponse('No such batch within your jurisdiction.') },
      },
    },
    '/api/instructions': {
      get: {
        tags: ['batches'],
        summary: 'Your instructions (as their assignee): the ones still wanting feedback first, nearest due first, then the ones you answered',
        description: '`state` is `running`, `warning` (past its warning point: you were reminded), `overdue` (past its due time without feedback) or `answered` (late or not).',
        security,
        parameters: pageParameters(instructionListQuerySchema),
        responses: {
          200: {
            description: 'One page: `rows` and `nextCursor` (null on the last page).',
            content: pageOf(exampleInstruction, encodeKeyset(instructionListCursor.name, [0, exampleInstruction.dueAt, exampleInstruction.instructionId])),
          },
          401: errorResponse('No valid bearer token.'),
          422: invalidResponse,
        },
      },
    },
    '/api/instructions/{id}/feedback': {
      post: {
        tags: ['batches'],
        summary: 'Give feedback on your own instruction (its assignee only); stops its clock, late or not',
        security,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' }, description: 'The `instructionId` of a line of GET /api/batches/{id}.' }],
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(instructionFeedbackSchema), example: example(instructionFeedbackSchema) } } },
        responses: {
          200: { description: 'The line, answered.' },
          401: errorResponse('No valid bearer token.'),
          403: errorResponse('Not your instruction.'),
          404: errorResponse('No such instruction within your jurisdiction.'),
          409: {
            description: 'Feedback was already given (`instructionAnswered`, `params.at` when), or the line was rejected (`instructionRejected`): `message` says it in English, `code` and `params` for a program to act on or word itself.',
            content: {
              'application/json': {
                schema: codedRefusal('conflict', feedbackRefusalCodes, { properties: { at: { type: 'string', format: 'date-time' } } }),
                example: { error: 'conflict', message: 'Feedback was already given.', code: 'instructionAnswered', params: { at: '2026-11-24T08:30:00.000Z' } },
              },
            },
          },
          422: invalidResponse,
        },
      },
    },
    '/internal/batches/{id}/events': {
      post: {
        tags: ['internal'],
        summary: 'A batch workflow reports progress: dispatched, overdue lines, completed (signed by the worker; written once per sequence number)',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'X-Fengqiao-Signature', in: 'header', required: true, schema: { type: 'string' }, description: 't=<ms>,v1=<hex HMAC-SHA256>' },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(batchReportSchema) } } },
        responses: { 200: { description: '`applied`, or `duplicate` for a retry.' }, 401: errorResponse('Bad signature.'), 404: errorResponse('No such batch.'), 422: errorResponse('Not a report.') },
      },
    },
  };
}
