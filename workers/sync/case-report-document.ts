import { caseReportSchema, type CaseReport } from '../../schemas/case-event';
import { errorResponse, jsonSchema } from '../document/openapi-parts';

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
      triageReasons: [{ code: 'closeToHome', category: 'neighbour' }],
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

/** A case workflow's signed report to the edge (internalRoutes), its body from the schema the route validates with. */
export function caseReportPaths(): Record<string, unknown> {
  return {
    '/internal/cases/{id}/events': {
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
    },
  };
}
