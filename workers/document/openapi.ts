import { Hono } from 'hono';
import * as v from 'valibot';
import { caseReportSchema, type CaseReport } from '../../schemas/case-event';
import { intakeSchemas } from '../../schemas/intake';
import { defaultSlaPolicy } from '../../domain/policy';
import { slaPolicySchema } from '../../schemas/policy';
import { onBehalfQuerySchema, stepExamples, stepNames, stepPayloadSchemas } from '../../schemas/steps';
import { isMediatorStep } from '../../domain/permissions';
import { channels } from '../../schemas/vocabulary';
import { refusalCodes } from '../../schemas/refusal';
import { figureDefinitions } from '../../domain/figures';
import { statsQuerySchema } from '../../schemas/stats';
import type { AppEnv } from '../env';
import { batchPaths } from '../batches/batches-document';
import { caseListPath } from '../cases/case-list-document';
import { casePagePaths } from '../casework/case-pages-document';
import { boardPagePaths } from '../board/board-pages-document';
import { pagePaths } from './openapi-pages';
import { peopleAndPlacesPaths } from '../admin/people-document';
import { caseResponse, errorResponse, invalidResponse, jsonSchema, page, queryParameters, refusedBeyondSchema, withGuardAnswers, withRateLimitAnswers } from './openapi-parts';
import { refusalsBeforeDeadLetter } from '../sync/outbox-delivery';
import { caseReadListCursor, caseReadListQuerySchema } from '../../schemas/audit';
import { encodeKeyset } from '../../schemas/cursor';
import { inboxQuerySchema } from '../../schemas/inbox';
import { caseViewSchema, mergedIntakeAnswerSchema } from '../../schemas/case-view';
import { idempotencyKeyParameter } from '../../schemas/idempotency-key';

/** The stats path: its parameters from the query schema, its description from the figures' own definitions. */
function statsPath() {
  return {
    get: {
      tags: ['figures'],
      summary: 'The figures of the cases filed in a period, in total and by group (supervisors and admins)',
      description: Object.entries(figureDefinitions)
        .map(([name, definition]) => `- \`${name}\`: ${definition}`)
        .join('\n'),
      security: [{ bearer: [] }],
      parameters: queryParameters(statsQuerySchema, {
        from: 'First local day of the period (default: the first of this month).',
        to: 'The day after the period (default: tomorrow).',
        groupBy: 'Group by channel, route, station, mediator (ranked by on-time rate: 一人一单), category, week or month.',
        jurisdiction: 'A jurisdiction within yours (default: yours).',
        format: '`csv` for the same rows as CSV (UTF-8 with BOM).',
      }),
      responses: {
        200: {
          description: 'The period, the total and each group’s figures, and every figure’s definition.',
          content: {
            'application/json': { example: { from: '2026-11-01', to: '2026-12-01', groupBy: 'channel', jurisdiction: null, total: { filed: 12 }, groups: [{ key: 'grid', figures: { filed: 7 } }] } },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        401: errorResponse('No valid bearer token.'),
        403: errorResponse('Supervisors and admins only.'),
        404: errorResponse('No such jurisdiction within yours.'),
        422: invalidResponse,
      },
    },
  };
}

const exampleEvent: CaseReport = {
  seq: 3,
  type: 'clock_breached',
  actor: 'system',
  reason: null,
  detail: { clock: 'firstContact', dueAt: '2026-11-23T16:00:00.000Z' },
  at: '2026-11-23T16:00:00.000Z',
  notify: 'assignee',
  projection: {
    status: 'open',
    route: 'grassroots',
    hardCase: false,
    order: 'awaiting_dispatch',
    assigneeId: null,
    escalationLevel: 1,
    paused: false,
    overdue: true,
    clocks: [
      {
        clock: 'firstContact',
        startedAt: '2026-11-23T02:00:00.000Z',
        dueAt: '2026-11-23T16:00:00.000Z',
        warnedAt: '2026-11-23T13:12:00.000Z',
        breachedAt: '2026-11-23T16:00:00.000Z',
        stoppedAt: null,
        pausedAt: null,
      },
    ],
    riskFlags: [],
    outcome: null,
    progress: {
      triageReasons: ['neighbour disputes are settled close to home first'],
      riskFlags: [],
      suggestedFlags: [],
      escalations: [],
      routeHistory: [],
      returnVisits: [],
      route: { route: 'grassroots', index: 0, startedAt: '2026-11-23T02:00:00.000Z', stage: 'working', sessionsScheduled: 0, sessionsHeld: 0, departments: {} },
      repeatReports: 0,
    },
  },
};

/** Built from the same valibot schemas the routes validate with, so the document cannot drift from them. */
export function buildOpenApiDocument() {
  const paths: Record<string, unknown> = {};
  for (const channel of channels) {
    const schema = intakeSchemas[channel];
    const [example] = v.getExamples(schema);
    paths[`/api/intake/${channel}`] = {
      post: {
        tags: ['intake'],
        summary: `File a dispute found through the ${channel} channel`,
        security: [{ bearer: [] }],
        parameters: [
          idempotencyKeyParameter('A repeat with the same key returns the first answer; another body under the same key is refused (422).'),
        ],
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(schema), example } } },
        responses: {
          200: {
            description: 'The same dispute as an earlier case (a party’s phone, or the address and a party’s name): the report joined that case, shown here, with `mergedInto: { caseId, caseNumber }`.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/JoinedCase' } } },
          },
          201: caseResponse(
            'Filed, answered once D1 holds it: `status` is `queued` until its workflow, started after the answer (or by the outbox cron), reports and opens it.',
          ),
          400: errorResponse('The body is not valid JSON.'),
          401: errorResponse('No valid bearer token.'),
          415: errorResponse('The body is not sent as application/json.'),
          422: refusedBeyondSchema(
            ['gridCellUnknown', 'gridCellOutside', 'occurredInFuture', 'idempotencyReused'],
            'Every error in one round: the formats, and what no format can say: a grid cell that does not exist (`gridCellUnknown`) or lies outside your jurisdiction (`gridCellOutside`), ' +
              'a time still to come (`occurredInFuture`), an Idempotency-Key already used for another body (`idempotencyReused`, as the IETF draft asks).',
          ),
        },
      },
    };
    paths[`/intake/${channel}`] = {
      get: { tags: ['pages'], summary: `The ${channel} intake form`, responses: { 200: page('The form (zh-CN; ?lang=en for English).') } },
      post: {
        tags: ['pages'],
        summary: `File through the ${channel} form`,
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                description:
                  'The JSON body flattened to dot paths (where.address, parties.0.name), plus idempotencyKey (or the Idempotency-Key header: a key files once), lang, ' +
                  'parties.rows (how many party rows the form shows) and rowAction (`add:parties` or `remove:parties:<n>`: the form comes back with a row more or less, nothing filed). ' +
                  'The grid form takes its screener from the session.',
              },
              example: { category: 'neighbour', 'where.gridCellCode': 'XH-LY-BLQ-01', 'parties.0.name': '张某', 'parties.rows': '2', rowAction: 'add:parties' },
            },
          },
        },
        responses: {
          200: page('A row added or removed: the form again, values kept.'),
          303: { description: 'Filed: on to the receipt; with `joined=1` when the report joined an earlier case, which the receipt then says.' },
          403: page('Posted from another site.'),
          422: page('The form again, values kept, every error of the round in a summary at the top and beside its field.'),
        },
      },
    };
  }
  paths['/api/cases'] = caseListPath();
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
  paths['/api/policy'] = {
    get: { tags: ['policy'], summary: 'The SLA policy in force', security: [{ bearer: [] }], responses: { 200: { description: 'The policy.' } } },
    post: {
      tags: ['policy'],
      summary: 'Publish a new policy version (admin); running cases re-plan their clocks',
      security: [{ bearer: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(slaPolicySchema), example: { ...defaultSlaPolicy, version: 2 } } } },
      responses: {
        201: { description: 'Published; how many running cases were told.' },
        403: errorResponse('Admins only.'),
        409: errorResponse('The version is not newer than the one in force.'),
        422: invalidResponse,
      },
    },
  };
  paths['/api/stats'] = statsPath();
  Object.assign(paths, peopleAndPlacesPaths());
  Object.assign(paths, batchPaths());
  Object.assign(paths, pagePaths());
  Object.assign(paths, casePagePaths());
  Object.assign(paths, boardPagePaths());
  paths['/api/notifications'] = {
    get: {
      tags: ['notifications'],
      summary: 'Warnings, breaches, escalations and acknowledgements addressed to you or to your jurisdiction, newest first',
      description:
        'Beside the cases’ notifications, a reminder (`kind: instruction_warning`, with `instructionId`, `batchId`, `line`, `subject`, `dueAt`) ' +
        'for each of your verification instructions past its warning point without feedback; it stands until you answer the instruction.',
      security: [{ bearer: [] }],
      parameters: queryParameters(inboxQuerySchema, { unread: 'Only those not yet marked read (1).' }),
      responses: {
        200: {
          description: 'Up to 100 notifications.',
          content: {
            'application/json': {
              example: [
                { kind: 'instruction_warning', audience: 'assignee', instructionId: 41, batchId: 'XH-2026-W47', line: 1, dueAt: '2026-11-25T02:00:00.000Z', subject: '白乐桥村 12 号 出租房人口核查', createdAt: '2026-11-24T16:24:00.000Z', readAt: null },
                { id: 7, caseId: '0b6c…', caseNumber: 'XH-LY-20261123-0001', kind: 'clock_warning', audience: 'assignee', createdAt: '2026-11-23T13:12:00.000Z', readAt: null },
              ],
            },
          },
        },
        401: errorResponse('No valid bearer token.'),
        422: invalidResponse,
      },
    },
  };
  paths['/api/notifications/{id}/read'] = {
    post: {
      tags: ['notifications'],
      summary: 'Mark one as read',
      security: [{ bearer: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: { 204: { description: 'Marked.' }, 404: errorResponse('No such unread notification of yours.') },
    },
  };
  const adminOnly = { 401: errorResponse('No valid bearer token.'), 403: errorResponse('Admins only.') };
  paths['/api/dead-letters'] = {
    get: {
      tags: ['deliveries'],
      summary: 'Deliveries to Temporal refused for good, of the cases and batches of your jurisdiction, the latest first (admin)',
      description:
        `A workflow start, signal or policy change Temporal refused ${refusalsBeforeDeadLetter} times (backing off 1, 2, 4, 8 minutes between tries) ` +
        'leaves the outbox drain and waits here with its last reason. Temporal being unreachable never makes a dead letter.',
      security: [{ bearer: [] }],
      responses: {
        200: { description: 'Each with `outboxId`, `kind`, `caseId` and `caseNumber` or `batchId`, `reason`, `attempts`, `createdAt` and `deadAt`.' },
        ...adminOnly,
      },
    },
  };
  paths['/api/dead-letters/{outboxId}/retry'] = {
    post: {
      tags: ['deliveries'],
      summary: 'Send a dead letter again, at once; if Temporal is away it stays in the outbox drain (admin)',
      security: [{ bearer: [] }],
      parameters: [{ name: 'outboxId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: {
        200: { description: '`outcome`: `started` (delivered), `unavailable` (Temporal away: the drain goes on trying) or `refused` (refused again, counting anew).' },
        ...adminOnly,
        404: errorResponse('No such dead letter within your jurisdiction.'),
      },
    },
  };
  paths['/api/audit/case-reads'] = {
    get: {
      tags: ['audit'],
      summary: 'Who read which case of your jurisdiction, when, and through what: the newest first (admin)',
      description:
        'Every read of a whole case by a supervisor or an admin (GET /api/cases/{id}: `via: api`; the case page: `via: page`) is recorded once the answer has gone. ' +
        'Grid workers, mediators and department liaisons read the cases they file or work, and their reads are not recorded.',
      security: [{ bearer: [] }],
      parameters: queryParameters(caseReadListQuerySchema, {
        limit: 'Reads per page, 1 to 200 (default 50).',
        cursor: 'The `nextCursor` of the page before.',
      }),
      responses: {
        200: {
          description: 'A page of reads and the cursor of the next page (null on the last).',
          content: {
            'application/json': {
              example: {
                rows: [
                  { id: 42, caseId: '0b6c5d1e-8a2f-4c3b-9d7e-1f2a3b4c5d6e', caseNumber: 'XH-LY-20261123-0001', readerId: 'u-supervisor-ly', readerName: '灵隐所指挥室', readerRole: 'supervisor', via: 'page', readAt: '2026-11-23T08:15:02.114Z' },
                ],
                nextCursor: encodeKeyset(caseReadListCursor.name, [42]),
              },
            },
          },
        },
        ...adminOnly,
        422: invalidResponse,
      },
    },
  };
  paths['/cases/{id}/receipt'] = {
    get: {
      tags: ['pages'],
      summary: 'The receipt of a filed case',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        { name: 'joined', in: 'query', required: false, schema: { type: 'string', enum: ['1'] }, description: 'The report joined an earlier case: the receipt says so.' },
      ],
      responses: { 200: page('The receipt.'), 404: page('No such case.') } },
  };
  paths['/login'] = {
    get: { tags: ['pages'], summary: 'Sign in with an access token', responses: { 200: page('The sign-in form.') } },
    post: {
      tags: ['pages'],
      summary: 'Start a session',
      requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { token: { type: 'string' }, next: { type: 'string' } } }, example: { token: 'your-token', next: '/intake/grid' } } } },
      responses: { 303: { description: 'Signed in: on to `next`.' }, 401: page('Unknown token.') },
    },
  };
  paths['/logout'] = { post: { tags: ['pages'], summary: 'End the session', responses: { 303: { description: 'Signed out.' } } } };
  paths['/healthz'] = {
    get: {
      tags: ['operations'],
      summary: 'Whether D1 and Temporal answer',
      responses: { 200: { description: 'Both up.' }, 503: { description: 'One is down; the body says which.' } },
    },
  };
  paths['/api/openapi.json'] = { get: { tags: ['operations'], summary: 'This document', responses: { 200: { description: 'OpenAPI 3.0.' } } } };
  paths['/internal/cases/{id}/events'] = {
    post: {
      tags: ['internal'],
      summary: 'A workflow reports a state change (signed by the worker; written once per sequence number)',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        { name: 'X-Fengqiao-Signature', in: 'header', required: true, schema: { type: 'string' }, description: 't=<ms>,v1=<hex HMAC-SHA256>' },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(caseReportSchema), example: exampleEvent } } },
      responses: { 200: { description: '`applied`, or `duplicate` for a retry.' }, 401: errorResponse('Bad signature.'), 404: errorResponse('No such case.'), 422: errorResponse('Not an event.') },
    },
  };
  return {
    openapi: '3.0.3',
    info: { title: 'Fengqiao', version: '0.1.0', description: 'Grassroots dispute mediation: four-channel intake, durable case workflows.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Case: { ...jsonSchema(caseViewSchema), description: 'A case as its reader may see it: phone and ID numbers masked for grid workers and department liaisons.' },
        JoinedCase: { ...jsonSchema(mergedIntakeAnswerSchema), description: 'The earlier case a report joined, with the case it joined named.' },
      },
    },
    paths: withRateLimitAnswers(withGuardAnswers(paths)),
  };
}

export const openApiRoutes = new Hono<AppEnv>().get('/openapi.json', (c) => c.json(buildOpenApiDocument()));
