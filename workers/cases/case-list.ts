import type { Database } from '../../db/client';
import { listCases, type CaseListFilter } from '../../db/queries/case-lists';
import type { SignedInUser } from '../../db/queries/users';
import { readListedClock } from '../../domain/clocks/clock-reading';
import { toInstant } from '../../domain/clocks/local-time';
import { isWithin, stationCodeOf, visiblePathOf } from '../../domain/jurisdiction';
import { contactsAsSeenBy } from '../../domain/permissions';
import { searchMatchExpression, searchPhrases as phrasesOf } from '../../domain/search-index';
import { caseListMaxLimit, decodeCursor, encodeCursor, type CaseListQuery, type ListedClock } from '../../schemas/case-list';
import { caseStatuses, unfinishedStatuses } from '../../schemas/vocabulary';
import { customError, type FieldError, type Lang } from '../i18n/messages';
import { jurisdictionByCode } from '../county/jurisdictions';

export type CaseListRow = Omit<Awaited<ReturnType<typeof listCases>>[number], 'sortKey'>;

export type CaseListAnswer = { kind: 'invalid'; errors: FieldError[] } | { kind: 'page'; rows: CaseListRow[]; nextCursor: string | null };

/**
 * A row with each open clock in its state at `now` (domain/clocks/clock-reading.ts): the state the clockState filter
 * chose it by, and the one the API, the ledgers and the pages show.
 */
const readAt = <Row extends { paused: boolean; clocks: ListedClock[] }>(row: Row, now: Date): Row => ({
  ...row,
  clocks: row.clocks.map((clock) => ({ ...clock, state: readListedClock(clock, row.paused, now.getTime()).state })),
});

/** A page on screen is read; an export is filed away, so it takes as many rows as one answer may hold unless told. */
const defaultLimit = (format: CaseListQuery['format']) => (format === 'json' ? 100 : caseListMaxLimit);

/** Where the list looks: the caller's whole jurisdiction, or a part of it they name. */
async function subtreeOf(db: Database, user: SignedInUser, code: string | undefined): Promise<string | undefined> {
  const visible = visiblePathOf(user);
  if (!code) return visible;
  const place = await jurisdictionByCode(db, code);
  return place && isWithin(place.path, visible) ? place.path : undefined;
}

/**
 * The supervisor's query as a filter: what the schema let through, checked against what only the data knows (where
 * a jurisdiction lies). The page and the totals by station read by the same one.
 */
export async function caseListFilterFor(
  db: Database,
  user: SignedInUser,
  query: CaseListQuery,
  context: { lang: Lang; utcOffset: string; now: Date },
): Promise<{ kind: 'invalid'; errors: FieldError[] } | { kind: 'filter'; filter: CaseListFilter; limit: number }> {
  const errors: FieldError[] = [];
  const searchPhrases = query.q === undefined ? undefined : phrasesOf(query.q);
  if (searchPhrases?.length === 0) errors.push(customError(context.lang, 'q', 'searchTooShort'));
  const jurisdictionPath = await subtreeOf(db, user, query.jurisdiction);
  if (!jurisdictionPath) errors.push(customError(context.lang, 'jurisdiction', 'jurisdictionUnknown'));
  if (errors.length || !jurisdictionPath) return { kind: 'invalid', errors };

  // Work lists show what still needs doing unless asked for a status, or for `all`.
  // A search looks for any case, finished ones too: a caller's name or phone is asked for to see their history.
  const statuses = query.status === 'all' || (!query.status && searchPhrases) ? caseStatuses : !query.status ? unfinishedStatuses : [query.status];
  const { clock, clockState, dueBefore, dueAfter } = query;
  const instant = (value: string | undefined) => value && toInstant(value, context.utcOffset);
  const limit = query.limit ?? defaultLimit(query.format);
  const filter: CaseListFilter = {
    jurisdictionPath,
    station: stationCodeOf(jurisdictionPath),
    statuses,
    overdueOnly: query.overdue === '1',
    escalatedOnly: query.escalated === '1',
    escalationLevel: query.escalation,
    assigneeId: query.mine === '1' ? user.id : query.assignee,
    // A department's liaison sees the cases whose joint route names their department.
    department: user.role === 'department' ? (user.department ?? undefined) : undefined,
    channel: query.channel,
    route: query.route,
    category: query.category,
    hardCase: query.hard === undefined ? undefined : query.hard === '1',
    openClock:
      clock || clockState || dueBefore || dueAfter
        ? { name: clock, inState: clockState && { state: clockState, at: context.now.toISOString() }, dueBefore: instant(dueBefore), dueAfter: instant(dueAfter) }
        : undefined,
    filedFrom: query.filedFrom,
    filedTo: query.filedTo,
    searchMatch: searchPhrases?.length ? searchMatchExpression(searchPhrases) : undefined,
    sort: query.sort,
    after: query.cursor ? decodeCursor(query.sort, query.cursor) : undefined,
    // One row more than asked says whether there is a next page.
    limit: limit + 1,
  };
  return { kind: 'filter', filter, limit };
}

/** One page of the supervisor's query in keyset order, each row with its contacts as the caller's role may read them. */
export async function listCasesFor(
  db: Database,
  user: SignedInUser,
  query: CaseListQuery,
  context: { lang: Lang; utcOffset: string; now?: Date },
): Promise<CaseListAnswer> {
  const now = context.now ?? new Date();
  const asked = await caseListFilterFor(db, user, query, { ...context, now });
  return asked.kind === 'invalid' ? asked : pageOf(db, user, query, asked, now);
}

/** The page of a filter already made, for a caller that reads more by the same filter (the board's totals). */
export async function pageOf(db: Database, user: SignedInUser, query: CaseListQuery, { filter, limit }: { filter: CaseListFilter; limit: number }, now: Date): Promise<CaseListAnswer & { kind: 'page' }> {
  const found = await listCases(db, filter);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    kind: 'page',
    rows: page.map(({ sortKey: _, ...row }) => contactsAsSeenBy(user, readAt(row, now))),
    nextCursor: found.length > limit && last ? encodeCursor(query.sort, last.sortKey) : null,
  };
}
