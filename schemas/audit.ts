import * as v from 'valibot';
import { pagedQuery } from './cursor';

/** How a whole case was read: the API's GET /api/cases/{id}, or the case page. */
export const caseReadVias = ['api', 'page'] as const;
export type CaseReadVia = (typeof caseReadVias)[number];

/** Newest first: a page ends at its last read's ID, which grows with every read recorded. */
export const caseReadListCursor = { name: 'case-reads', key: v.tuple([v.pipe(v.number(), v.integer(), v.minValue(1))]) } as const;

/** GET /api/audit/case-reads: a page of the reads of the cases of the admin's jurisdiction. */
export const caseReadListQuerySchema = pagedQuery(caseReadListCursor, 200);
