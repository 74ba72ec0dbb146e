import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { CaseListSort, ClockState, CursorKey } from '../../schemas/case-list';
import { escalationLevels, type CaseStatus, type Category, type Channel, type ClockName, type Department, type PartyRole, type RouteName } from '../../schemas/vocabulary';
import type { Database } from '../client';
import { caseClocks, caseSearchTerms, cases, parties, users } from '../schema';
import { pathWithin } from './jurisdictions';

export interface CaseListFilter {
  /** Cases at or below this path. */
  jurisdictionPath: string;
  statuses: readonly CaseStatus[];
  overdueOnly?: boolean;
  escalatedOnly?: boolean;
  escalationLevel?: number;
  assigneeId?: string;
  /** Only cases whose current route names this department: a department user's tasks. */
  department?: Department;
  channel?: Channel;
  route?: RouteName;
  category?: Category;
  hardCase?: boolean;
  /** Cases with an open clock of this name, in this state, due in this range (instants); any of them may be left out. */
  openClock?: { name?: ClockName; state?: ClockState; dueBefore?: string; dueAfter?: string };
  /** Local days, both ends included. */
  filedFrom?: string;
  filedTo?: string;
  /** Every one of these must be among the case's search terms (domain/search-terms.ts). */
  searchPieces?: readonly string[];
  sort: CaseListSort;
  /** The key of the last row of the previous page. */
  after?: CursorKey;
  limit: number;
}

/**
 * A search starts from its terms: the few cases holding them are read by their key. Written `+column`, the path
 * and status conditions cannot draw the planner to their own index, which without statistics it prefers, and
 * which would read every unfinished case of the county (measured by bench:overdue: 432,059 rows read for 5 at
 * 1,000,000 cases, 1,493 this way).
 */
const searchDriven = (column: typeof cases.jurisdictionPath | typeof cases.status, driven: boolean) =>
  driven ? sql`+${column}` : sql`${column}`;

const openClocksOfCase = sql`${caseClocks.caseId} = ${cases.id} and ${caseClocks.stoppedAt} is null`;

/** One reading of a clock's state, for the filter and for the row alike. */
const clockState = sql`case when ${caseClocks.breachedAt} is not null then 'breached' when ${caseClocks.warnedAt} is not null then 'warning' else 'running' end`;

/**
 * A correlated subquery as a column of the page. Its body is nested: in a select from one table drizzle names the
 * columns written straight into a selected expression without their table, and inside a subquery an unqualified
 * `id` or `name` could be read as the inner table's.
 */
const subquery = <T>(body: SQL) => sql<T>`(${body})`;

const firstBreach = subquery<string | null>(sql`select min(${caseClocks.breachedAt}) from ${caseClocks} where ${openClocksOfCase}`);
const nextDue = subquery<string | null>(sql`select min(${caseClocks.dueAt}) from ${caseClocks} where ${openClocksOfCase}`);
// '~' sorts after every ISO time: a case without a breach or a deadline comes after those with one.
const latest = (time: SQL) => sql`coalesce(${time}, '~')`;

/** Each sort as the tuple it orders by, ascending unless `descending`; the id last makes the order total. */
const sortKeys: Record<CaseListSort, { keys: SQL[]; descending?: true }> = {
  overdue: { keys: [sql`(case when ${cases.overdue} then 0 else 1 end)`, latest(firstBreach), latest(nextDue), sql`${cases.filedAt}`, sql`${cases.id}`] },
  nearestDue: { keys: [latest(nextDue), sql`${cases.filedAt}`, sql`${cases.id}`] },
  newest: { keys: [sql`${cases.filedAt}`, sql`${cases.id}`], descending: true },
};

function openClockCondition(clock: NonNullable<CaseListFilter['openClock']>) {
  const conditions = [
    openClocksOfCase,
    clock.name ? sql`${caseClocks.clock} = ${clock.name}` : undefined,
    clock.state ? sql`${clockState} = ${clock.state}` : undefined,
    clock.dueBefore ? sql`${caseClocks.dueAt} < ${clock.dueBefore}` : undefined,
    clock.dueAfter ? sql`${caseClocks.dueAt} >= ${clock.dueAfter}` : undefined,
  ].filter((condition) => condition !== undefined);
  return sql`exists (select 1 from ${caseClocks} where ${sql.join(conditions, sql` and `)})`;
}

/** Cases holding every piece: the search table's key (term, case) finds each piece's cases, and all must be there. */
const holdsEveryPiece = (pieces: readonly string[]) =>
  inArray(
    cases.id,
    sql`(select ${caseSearchTerms.caseId} from ${caseSearchTerms} where ${caseSearchTerms.term} in (select value from json_each(${JSON.stringify(pieces)}))
      group by ${caseSearchTerms.caseId} having count(*) = ${pieces.length})`,
  );

export type ListedParty = { name: string; role: PartyRole; phone: string | null };
export type ListedClock = { clock: ClockName; dueAt: string; state: ClockState };

// Parties and open clocks come along as JSON arrays read by the case's key, so a page is one statement.
const partiesOfCase = subquery<string>(
  sql`select json_group_array(json_object('name', ${parties.name}, 'role', ${parties.role}, 'phone', ${parties.phone}) order by ${parties.position})
    from ${parties} where ${parties.caseId} = ${cases.id}`,
).mapWith((json: string) => JSON.parse(json) as ListedParty[]);
const openClocks = subquery<string>(
  sql`select json_group_array(json_object('clock', ${caseClocks.clock}, 'dueAt', ${caseClocks.dueAt}, 'state', ${clockState}) order by ${caseClocks.dueAt})
    from ${caseClocks} where ${openClocksOfCase}`,
).mapWith((json: string) => JSON.parse(json) as ListedClock[]);
const assigneeName = subquery<string | null>(sql`select ${users.name} from ${users} where ${users.id} = ${cases.assigneeId}`);

/**
 * One page of the work lists supervisors and mediators read, straight from the projection. Each row carries its
 * sort key, from which the caller makes the cursor of the next page. Awaiting it runs it; the index tests read its
 * plan through `toSQL()`.
 */
export function listCases(db: Database, filter: CaseListFilter) {
  const { keys, descending } = sortKeys[filter.sort];
  const after = filter.after && sql`(${sql.join(keys, sql`, `)}) ${descending ? sql`<` : sql`>`} (${sql.join(filter.after.map((value) => sql`${value}`), sql`, `)})`;
  const driven = Boolean(filter.searchPieces?.length);
  return db
    .select({
      id: cases.id,
      caseNumber: cases.caseNumber,
      status: cases.status,
      channel: cases.channel,
      category: cases.category,
      route: cases.route,
      hardCase: cases.hardCase,
      order: cases.orderStage,
      assigneeId: cases.assigneeId,
      assigneeName,
      escalationLevel: cases.escalationLevel,
      paused: cases.paused,
      overdue: cases.overdue,
      overdueSince: firstBreach,
      nextDueAt: nextDue,
      filedAt: cases.filedAt,
      jurisdictionCode: cases.jurisdictionCode,
      gridCellCode: cases.gridCellCode,
      address: cases.address,
      summary: cases.summary,
      parties: partiesOfCase,
      clocks: openClocks,
      sortKey: sql<string>`json_array(${sql.join(keys, sql`, `)})`.mapWith((json: string) => JSON.parse(json) as CursorKey),
    })
    .from(cases)
    .where(
      and(
        pathWithin(searchDriven(cases.jurisdictionPath, driven), filter.jurisdictionPath),
        inArray(searchDriven(cases.status, driven), [...filter.statuses]),
        filter.overdueOnly ? eq(cases.overdue, true) : undefined,
        // Levels above 0 by name rather than `> 0`, so the escalation index serves the status and path after it.
        filter.escalatedOnly ? inArray(cases.escalationLevel, escalationLevels.filter((level) => level > 0)) : undefined,
        filter.escalationLevel !== undefined ? eq(cases.escalationLevel, filter.escalationLevel) : undefined,
        filter.assigneeId ? eq(cases.assigneeId, filter.assigneeId) : undefined,
        filter.department ? sql`json_type(${cases.progress}, ${`$.route.departments.${filter.department}`}) is not null` : undefined,
        filter.channel ? eq(cases.channel, filter.channel) : undefined,
        filter.route ? eq(cases.route, filter.route) : undefined,
        filter.category ? eq(cases.category, filter.category) : undefined,
        filter.hardCase !== undefined ? eq(cases.hardCase, filter.hardCase) : undefined,
        filter.openClock ? openClockCondition(filter.openClock) : undefined,
        filter.filedFrom ? gte(cases.filedDay, filter.filedFrom) : undefined,
        filter.filedTo ? lte(cases.filedDay, filter.filedTo) : undefined,
        filter.searchPieces?.length ? holdsEveryPiece(filter.searchPieces) : undefined,
        after,
      ),
    )
    .orderBy(...keys.map((key) => (descending ? sql`${key} desc` : key)))
    .limit(filter.limit);
}

