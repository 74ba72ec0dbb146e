import { caseListQuerySchema } from '../../schemas/case-list';
import { errorResponse, queryParameters, refusedBeyondSchema } from '../document/openapi-parts';

/** GET /api/cases: its parameters come from the schema the route validates with, their meaning from here. */
export function caseListPath() {
  return {
    get: {
      tags: ['cases'],
      summary: 'The supervisor’s query: work lists, filters and search within your jurisdiction, a page at a time; or the ledger as CSV or xlsx',
      description:
        'Search (`q`) finds cases by case number, party name, phone and address: every two-character piece of each word of the query, and every run of ' +
        'three or more digits whole, must be among the case’s (a phone by its whole number, any tail of four digits or more, or with its middle ' +
        'masked or left out: 138****0001, 138…0001; a case number by its parts). ' +
        'A query of one character is refused (422). Filters combine (AND). Rows show phone and ID numbers masked (138****0001) to grid workers and ' +
        'department liaisons; mediators, supervisors and admins read them whole.',
      security: [{ bearer: [] }],
      parameters: queryParameters(caseListQuerySchema, {
        q: 'Free text: case number, party name, phone, address (two characters at least).',
        jurisdiction: 'Only cases at or below this jurisdiction, which must lie within yours.',
        status: 'Unfinished cases (queued, open, resolved) unless one status or `all` is asked for; a search (`q`) looks among all cases unless a status is asked for.',
        hard: 'Hard cases only (1) or none of them (0).',
        overdue: 'Only cases with a clock run out.',
        escalated: 'Only cases with a live escalation (level 1 or 2).',
        escalation: 'Only cases at this escalation level.',
        mine: 'Only cases assigned to you (before `assignee`).',
        assignee: 'Only cases assigned to this mediator (user ID).',
        clock: 'Only cases with this clock open; with `clockState`, `dueBefore` and `dueAfter` all about that one clock.',
        clockState: 'Only cases with an open clock in this state now: `running`, `warning` (past its warning share) or `breached` (past its due time and not paused, reported or not).',
        dueBefore: 'Only cases with an open clock due before this time (local time of the county unless it carries an offset).',
        dueAfter: 'Only cases with an open clock due at or after this time.',
        filedFrom: 'Filed on or after this local day (YYYY-MM-DD).',
        filedTo: 'Filed on or before this local day (YYYY-MM-DD).',
        sort: '`overdue` (the longest overdue first, then the nearest deadline; the default), `nearestDue`, or `newest` filed first.',
        limit: 'Rows per page, 1 to 500; 100 for JSON and 500 for a file unless asked.',
        cursor: '`nextCursor` of the previous page, with the same query and sort: the page after it, without gaps or repeats while cases are filed.',
        format: '`json` (the default), `csv` (UTF-8 with BOM) or `xlsx` (the ledger, 台账); a file’s `Link` header names its next page.',
      }),
      responses: {
        200: {
          description: 'One page: `rows` and the `nextCursor` (null on the last page); or the rows as a file to download.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  rows: {
                    type: 'array',
                    items: {
                      type: 'object',
                      description:
                        'id, caseNumber, status, channel, category, route, hardCase, order, assigneeId, assigneeName, escalationLevel, paused, overdue, ' +
                        'overdueSince, nextDueAt, filedAt, jurisdictionCode, gridCellCode, address, summary, parties (name, role, phone), ' +
                        'clocks: every open clock with its dueAt and state (running, warning, breached).',
                    },
                  },
                  nextCursor: { type: 'string', nullable: true },
                },
              },
            },
            'text/csv': { schema: { type: 'string' }, example: '案件编号,登记时间,排查渠道,…' },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
          },
        },
        401: errorResponse('No valid bearer token.'),
        422: refusedBeyondSchema(['jurisdictionUnknown', 'searchTooShort'], 'A jurisdiction outside yours (`jurisdictionUnknown`); a search with no word of two characters (`searchTooShort`).'),
      },
    },
  };
}
