import { bulkDispatchMax } from '../../schemas/bulk-dispatch';
import { page } from '../document/openapi-parts';

/** The board's bulk dispatch, a page form on the session: its part of the API document. */
export function bulkDispatchPagePaths(): Record<string, unknown> {
  return {
    '/board/dispatch': {
      post: {
        tags: ['pages'],
        summary: `Dispatch up to ${bulkDispatchMax} ticked cases of the board to one mediator, each as its own assign step (as POST /api/cases/{id}/steps/assign), and see each answered`,
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['caseId', 'mediatorId', 'key'],
                properties: {
                  caseId: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: bulkDispatchMax },
                  mediatorId: { type: 'string' },
                  key: { type: 'string', pattern: '^[\\w-]{8,40}$', description: 'Made when the board is shown: each case’s step is sent under it, so the form sent again dispatches each case once.' },
                  back: { type: 'string', description: 'The board’s query to go back to.' },
                  lang: { type: 'string', enum: ['zh-CN', 'en'] },
                },
              },
              example: { caseId: ['c-1', 'c-2'], mediatorId: 'demo-mediator-ly', key: 'b0d6a7c2-5f1e-4d8b-9a3c-2e7f1b6c9d40' },
            },
          },
        },
        responses: {
          200: page('Each case with the mediator it went to, or why it was not dispatched.'),
          422: page('Nothing ticked, more than the limit, or no mediator: said at the top.'),
          303: { description: 'Not signed in: on to /login.' },
          403: page('Not a supervisor or an admin, or the form did not come from this site.'),
        },
      },
    },
  };
}
