import { figureDefinitions } from '../../domain/figures';
import { statsQuerySchema } from '../../schemas/stats';
import { errorResponse, invalidResponse, queryParameters } from '../document/openapi-parts';

/** The stats path: its parameters from the query schema, its description from the figures' own definitions. */
export function statsPath() {
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
