import { refusalsBeforeDeadLetter } from '../sync/outbox-delivery';
import { caseReadFilteredQuerySchema, caseReadListCursor, changeActions, changeListCursor, changeListQuerySchema, signInListCursor, signInListQuerySchema, signInResults } from '../../schemas/audit';
import { encodeKeyset } from '../../schemas/cursor';
import { errorResponse, invalidResponse, queryParameters } from '../document/openapi-parts';

/** What an admin watches over: the deliveries Temporal refused for good, and who read which case. */
const periodWords = {
  from: 'The first local day of the county to include (YYYY-MM-DD).',
  to: 'The last local day to include (YYYY-MM-DD), not before `from`.',
};

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
        parameters: queryParameters(caseReadFilteredQuerySchema, {
          ...periodWords,
          user: 'Only the reads of this reader (a user ID).',
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
    '/api/audit/sign-ins': {
      get: {
        tags: ['audit'],
        summary: 'Every try at signing in by the people of your jurisdiction, right or wrong: the newest first (admin)',
        description:
          'Recorded once the answer has gone, from the sign-in form, the current-password check on the password page and single sign-on. ' +
          '`login` is the name as typed (at most 64 characters; empty for a token); no password, one-time code or token is ever recorded. ' +
          '`outcome` is one of ' + signInResults.map((each) => `\`${each}\``).join(', ') + '. ' +
          'A try belongs to the place of the account it was at, as that account stands now. A try at a name no account has (`unknownUser`, or a refused address with such a name) belongs to no place: ' +
          'only an admin of a whole county sees those.',
        security: [{ bearer: [] }],
        parameters: queryParameters(signInListQuerySchema, {
          ...periodWords,
          user: 'Only the tries at this account, or with this name typed.',
          outcome: 'Only the tries with this outcome.',
          limit: 'Tries per page, 1 to 200 (default 50).',
          cursor: 'The `nextCursor` of the page before.',
        }),
        responses: {
          200: {
            description: 'A page of tries and the cursor of the next page (null on the last).',
            content: {
              'application/json': {
                example: {
                  rows: [{ id: 7, at: '2026-11-23T01:02:03.456Z', userId: 'u-mediator-ly', userName: '钱调解员', login: 'u-mediator-ly', way: 'password', outcome: 'wrongPassword', address: '203.0.113.7' }],
                  nextCursor: encodeKeyset(signInListCursor.name, [7]),
                },
              },
            },
          },
          ...adminOnly,
          422: invalidResponse,
        },
      },
    },
    '/api/audit/changes': {
      get: {
        tags: ['audit'],
        summary: 'What the people of your jurisdiction changed: users, tokens, places, the deadline policy, deliveries sent again: the newest first (admin)',
        description:
          'Each recorded right after the change is written, with who made it (`doneBy`; for a token a person made or revoked of their own, that person) and a small `detail` of names, codes and versions, never a secret. ' +
          'You see the changes made by people at your place and below. `action` is one of ' + changeActions.map((each) => `\`${each}\``).join(', ') + '.',
        security: [{ bearer: [] }],
        parameters: queryParameters(changeListQuerySchema, {
          ...periodWords,
          user: 'Only the changes made by this user.',
          action: 'Only changes of this kind.',
          limit: 'Changes per page, 1 to 200 (default 50).',
          cursor: 'The `nextCursor` of the page before.',
        }),
        responses: {
          200: {
            description: 'A page of changes and the cursor of the next page (null on the last).',
            content: {
              'application/json': {
                example: {
                  rows: [{ id: 3, at: '2026-11-23T01:05:00.000Z', doneBy: 'u-admin-xh', doneByName: '西湖区管理员', action: 'userDisabled', targetKind: 'user', targetId: 'u-mediator-ly', detail: {} }],
                  nextCursor: encodeKeyset(changeListCursor.name, [3]),
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
