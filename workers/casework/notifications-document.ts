import { inboxQuerySchema } from '../../schemas/inbox';
import { errorResponse, invalidResponse, queryParameters } from '../document/openapi-parts';

/** The notifications API: a reader's inbox and marking one read. */
export function notificationPaths(): Record<string, unknown> {
  return {
    '/api/notifications': {
      get: {
        tags: ['notifications'],
        summary: 'Your instructions to answer soon, then the warnings, breaches, escalations and acknowledgements addressed to you or to your jurisdiction, newest first',
        description:
          'First a reminder (with `instructionId`, `batchId`, `line`, `subject`, `dueAt`) for each of your verification instructions without feedback ' +
          'that is overdue (`kind: instruction_overdue`, `createdAt` when it went overdue) or past its warning point (`kind: instruction_warning`), ' +
          'the most overdue first; a reminder stands until you answer the instruction. Then the cases’ notifications, newest first.',
        security: [{ bearer: [] }],
        parameters: queryParameters(inboxQuerySchema, { unread: 'Only those not yet marked read (1).' }),
        responses: {
          200: {
            description: 'Up to 100 notifications.',
            content: {
              'application/json': {
                example: [
                  { kind: 'instruction_overdue', audience: 'assignee', instructionId: 38, batchId: 'XH-2026-W46', line: 4, dueAt: '2026-11-22T16:00:00.000Z', subject: '灵隐路 5 号 独居老人反诈走访', createdAt: '2026-11-22T16:00:00.000Z', readAt: null },
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
    },
    '/api/notifications/{id}/read': {
      post: {
        tags: ['notifications'],
        summary: 'Mark one as read',
        security: [{ bearer: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { 204: { description: 'Marked.' }, 404: errorResponse('No such unread notification of yours.') },
      },
    },
  };
}
