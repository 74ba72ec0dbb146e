import * as v from 'valibot';
import { cursorParameter, decodeKeyset, encodeKeyset, pageLimit } from './cursor';
import { dateTimeSchema } from './intake';
import { daySchema } from './date-time';
import { jurisdictionCodePattern } from './jurisdictions';
import { maxCodePoints } from './text';
import { caseStatuses, categories, channels, clockNames, routes, type ClockName, type PartyRole } from './vocabulary';

/**
 * The supervisor's query over cases (GET /api/cases): what to show, in which order, from where on, in which format.
 * Every value arrives as a query string, so flags are '0'/'1' and numbers are digits.
 */

/** `overdue`: the longest overdue first, then the nearest deadline (the work list); `nearestDue`; `newest` filed first. */
export const caseListSorts = ['overdue', 'nearestDue', 'newest'] as const;
export type CaseListSort = (typeof caseListSorts)[number];

/** An open clock as the list shows it: neither warned nor breached yet, past its warning share, or past its due time. */
export const clockStates = ['running', 'warning', 'breached'] as const;
export type ClockState = (typeof clockStates)[number];

/** A party and an open clock as a list row carries them. */
export type ListedParty = { name: string; role: PartyRole; phone: string | null };
/** `provisional`: the due time counts a day of a year whose holiday notice is not out yet. */
export type ListedClock = { clock: ClockName; dueAt: string; state: ClockState; provisional?: boolean };

export const caseListFormats = ['json', 'csv', 'xlsx'] as const;
export type CaseListFormat = (typeof caseListFormats)[number];

export const caseListMaxLimit = 500;

const flag = v.optional(v.picklist(['0', '1']));
const day = daySchema('day');

/**
 * The sort key of the last row of a page, id last, as the list compares it: paging goes on after it (keyset), so a
 * case filed between two pages neither pushes a row onto the next page twice nor hides one.
 */
const cursorKeys = {
  // The work order and the due order, each one string that ends with the id (db/schema.ts, `cases.workOrder`).
  overdue: v.tuple([v.string()]),
  nearestDue: v.tuple([v.string()]),
  newest: v.tuple([v.string(), v.string()]),
} as const satisfies Record<CaseListSort, v.GenericSchema>;
export type CursorKey = v.InferOutput<(typeof cursorKeys)[CaseListSort]>;

/** Opaque to the caller: base64url of the sort's name and its key. */
export const encodeCursor = (sort: CaseListSort, key: readonly unknown[]) => encodeKeyset(sort, key);

/** The key a cursor carries, or undefined when it is no cursor of this sort (another sort's, edited, or garbage). */
export const decodeCursor = (sort: CaseListSort, cursor: string): CursorKey | undefined => decodeKeyset(sort, cursorKeys[sort], cursor);

/** The query's fields one by one; the OpenAPI document lists them from here. */
export const caseListQueryFields = v.object({
  // Two letters or digits, or one Chinese character alone: a surname (domain/search-index.ts).
  q: v.optional(v.pipe(v.string(), v.trim(), v.check((q) => /^\p{Script=Han}$/u.test(q) || [...q].length >= 2, 'searchTooShort'), maxCodePoints(50))),
  jurisdiction: v.optional(v.pipe(v.string(), v.trim(), v.regex(jurisdictionCodePattern, 'jurisdictionCode'))),
  channel: v.optional(v.picklist(channels)),
  route: v.optional(v.picklist(routes)),
  category: v.optional(v.picklist(categories)),
  status: v.optional(v.picklist([...caseStatuses, 'all'])),
  hard: flag,
  overdue: flag,
  escalated: flag,
  escalation: v.optional(v.pipe(v.picklist(['0', '1', '2']), v.transform(Number))),
  mine: flag,
  assignee: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9_.:@-]{1,100}$/))),
  clock: v.optional(v.picklist(clockNames)),
  clockState: v.optional(v.picklist(clockStates)),
  dueBefore: v.optional(dateTimeSchema),
  dueAfter: v.optional(dateTimeSchema),
  filedFrom: v.optional(day),
  filedTo: v.optional(day),
  sort: v.optional(v.picklist(caseListSorts), 'overdue'),
  limit: pageLimit(caseListMaxLimit),
  cursor: cursorParameter,
  format: v.optional(v.picklist(caseListFormats), 'json'),
});

export const caseListQuerySchema = v.pipe(
  caseListQueryFields,
  v.forward(
    v.partialCheck([['filedFrom'], ['filedTo']], (query) => !query.filedFrom || !query.filedTo || query.filedFrom <= query.filedTo, 'filedRange'),
    ['filedTo'],
  ),
  v.forward(
    v.partialCheck([['cursor'], ['sort']], (query) => !query.cursor || decodeCursor(query.sort, query.cursor) !== undefined, 'cursor'),
    ['cursor'],
  ),
);
export type CaseListQuery = v.InferOutput<typeof caseListQuerySchema>;
