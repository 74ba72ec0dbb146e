import { refusalsBeforeDeadLetter } from '../sync/outbox-delivery';
import { caseReadListCursor, caseReadListQuerySchema } from '../../schemas/audit';
import { encodeKeyset } from '../../schemas/cursor';
import { errorResponse, invalidResponse, queryParameters } from '../document/openapi-parts';

/** What an admin watches over: the deliveries Temporal refused for good, and who read which case. */
export function oversightPaths(): Record<string, unknown> {
  const adminOnly = { 401: errorResponse('No valid bearer token.'), 403: errorResponse('Admins only.') };
  return {
    '/api/dead-letters': {
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
    },
    '/api/dead-letters/{outboxId}/retry': {
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
    },
    '/api/audit/case-reads': {
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
    },
  };
}
