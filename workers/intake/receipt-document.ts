import { page } from '../document/openapi-parts';

/** The page a filing through a form lands on. */
export function receiptPaths(): Record<string, unknown> {
  return {
    '/cases/{id}/receipt': {
      get: {
        tags: ['pages'],
        summary: 'The receipt of a filed case',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          { name: 'joined', in: 'query', required: false, schema: { type: 'string', enum: ['1'] }, description: 'The report joined an earlier case: the receipt says so.' },
          { name: 'filed', in: 'query', required: false, schema: { type: 'string', enum: ['1'] }, description: 'The page right after filing: a case not yet dispatched is announced as new.' },
        ],
        responses: { 200: page('The receipt.'), 404: page('No such case.') } },
    },
  };
}
