import * as v from 'valibot';
import { caseListQueryFields } from '../../schemas/case-list';
import { batchOptionsSchema } from '../../schemas/batch';
import { statsQueryFields } from '../../schemas/stats';
import { page, queryParameters } from '../document/openapi-parts';

const signedIn = { 303: { description: 'Not signed in: on to /login, and back here after.' }, 403: page('Not a supervisor or an admin.') };
const boardQuery = v.omit(caseListQueryFields, ['format']);
const periodQuery = v.omit(statsQueryFields, ['groupBy', 'format']);
const download = (description: string, type: string) => ({ description, content: { [type]: { schema: { type: 'string', format: 'binary' } } } });
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The supervisor's pages: the overdue board and its ledger, the dashboard and its CSV, batches. A session, not a token. */
export function boardPagePaths(): Record<string, unknown> {
  return {
    '/board': {
      get: {
        tags: ['pages'],
        summary: 'The overdue board: GET /api/cases as a page, with its filters, search and paging (supervisors and admins)',
        parameters: queryParameters(boardQuery),
        responses: { 200: page('The board.'), 422: page('The board with an error summary, one message per field.'), ...signedIn },
      },
    },
    '/board.csv': {
      get: {
        tags: ['pages'],
        summary: 'The board’s rows as the CSV ledger, for the session (the same query as /board)',
        parameters: queryParameters(boardQuery),
        responses: { 200: download('The ledger; a `Link: rel="next"` header when there are more rows.', 'text/csv'), 422: page('A wrong query: the board, saying why.'), ...signedIn },
      },
    },
    '/board.xlsx': {
      get: {
        tags: ['pages'],
        summary: 'The board’s rows as the Excel ledger, for the session',
        parameters: queryParameters(boardQuery),
        responses: { 200: download('The workbook.', xlsx), 422: page('A wrong query: the board, saying why.'), ...signedIn },
      },
    },
    '/dashboard': {
      get: {
        tags: ['pages'],
        summary: 'The figures of a period as charts (SVG): by channel, by route, first contact on time, overdue by station, weekly, the month’s mediator ranking',
        parameters: [
          ...queryParameters(periodQuery),
          { name: 'month', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', example: '2026-11' }, description: 'The month the mediators are ranked by (default: this one).' },
        ],
        responses: { 200: page('The dashboard.'), 422: page('The dashboard with an error summary.'), ...signedIn },
      },
    },
    '/dashboard.csv': {
      get: {
        tags: ['pages'],
        summary: 'The figures as CSV (GET /api/stats?format=csv), for the session',
        parameters: queryParameters(v.omit(statsQueryFields, ['format'])),
        responses: { 200: download('One row per group, then the total.', 'text/csv'), 422: page('A wrong period: the dashboard, saying why.'), ...signedIn },
      },
    },
    '/batches': {
      get: { tags: ['pages'], summary: 'Upload a batch of verification instructions', responses: { 200: page('The form.'), ...signedIn } },
      post: {
        tags: ['pages'],
        summary: 'Upload a batch (a CSV in UTF-8 or GBK, an xlsx, or pasted CSV; Chinese or English headers) and see every line with what would become of it; nothing is written',
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  ...Object.fromEntries(Object.keys(batchOptionsSchema.entries).map((name) => [name, { type: 'string' }])),
                  file: { type: 'string', format: 'binary' },
                  csv: { type: 'string' },
                },
                description: 'batchId is made when the form is shown and rides on to the confirmation; `file` wins over `csv`.',
              },
              example: { batchId: 'XH-2026-W47', title: '第 47 周核查指令', feedbackWithin: 'P2D', csv: 'kind,assigneeId,subject\npopulation,demo-grid-ly,白乐桥村 12 号 出租房人口核查' },
            },
          },
        },
        responses: { ...signedIn, 200: page('The preview: every line with its subject, assignee and result, and a form to confirm.'), 303: { description: 'Not signed in: on to /login.' }, 422: page('The form again with an error summary.') },
      },
    },
    '/batches/confirm': {
      post: {
        tags: ['pages'],
        summary: 'Confirm a previewed batch: its lines are checked again and written through the same service as POST /api/batches',
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                properties: { ...Object.fromEntries(Object.keys(batchOptionsSchema.entries).map((name) => [name, { type: 'string' }])), lines: { type: 'string', description: 'The preview’s lines as JSON.' } },
              },
            },
          },
        },
        responses: { ...signedIn, 303: { description: 'Written: on to /batches/{id}. Not signed in: on to /login.' }, 422: page('The form again: the lines did not come back, or the batch ID holds another batch.') },
      },
    },
    '/batches/template.csv': {
      get: { tags: ['pages'], summary: 'The batch template as CSV (UTF-8 with a BOM, Chinese headers, two example lines naming people of your jurisdiction)', responses: { 200: download('The template.', 'text/csv'), ...signedIn } },
    },
    '/batches/template.xlsx': {
      get: { tags: ['pages'], summary: 'The batch template as an Excel workbook; its second sheet lists the people you may name', responses: { 200: download('The template.', xlsx), ...signedIn } },
    },
    '/batches/{id}': {
      get: {
        tags: ['pages'],
        summary: 'A batch’s progress: accepted, rejected with each line’s errors, dispatched, feedback, overdue; reloads itself while it runs',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: page('The batch.'), 404: page('No such batch within your jurisdiction.'), ...signedIn },
      },
    },
  };
}
