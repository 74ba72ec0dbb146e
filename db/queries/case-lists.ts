import { and, count, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { CaseListSort, ClockState, CursorKey } from '../../schemas/case-list';
import { escalationLevels, unfinishedStatuses, type CaseStatus, type Category, type Channel, type ClockName, type Department, type RouteName } from '../../schemas/vocabulary';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Database } from '../client';
import { caseClocks, cases } from '../schema';
import { caseSearch } from '../search-table';
import { reportedClockState } from './case-listing';
import { pathWithin } from './jurisdictions';

export interface CaseListFilter {
  /** Cases at or below this path. */
  jurisdictionPath: string;
  /** The station the path lies in, when it lies in one: its cases are read through the station's own index. */
  station?: string;
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
  /**
   * Cases with an open clock of this name, in this state at the instant `at`, due in this range (instants); any of
   * them may be left out.
   */
  openClock?: { name?: ClockName; inState?: { state: ClockState; at: string }; dueBefore?: string; dueAfter?: string };
  /** Local days, both ends included. */
  filedFrom?: string;
  filedTo?: string;
  /** The FTS5 query the case's search row must match (domain/search-index.ts). */
  searchMatch?: string;
  sort: CaseListSort;
  /** The key of the last row of the previous page. */
  after?: CursorKey;
  limit: number;
}

/**
 * Which index a page is read by. The work lists (unfinished cases, most overdue first) are read in the order they
 * show, through the station's, the county's or the mediator's work-order index, so a page reads about the rows it
 * returns. A search starts from its trigram index and the escalated list from the escalation index, both few; other lists
 * from the status index, sorted.
 * Written `+column`, the other conditions and the order cannot draw the planner to their own indexes, which without
 * statistics it may prefer and which would read every unfinished case (measured by bench:overdue: a search read
 * 432,059 rows for 5 at 1,000,000 cases, 1,493 this way).
 */
type Driver = 'order' | 'search' | 'escalation' | 'status';
const driverOf = (filter: CaseListFilter): Driver =>
  filter.searchMatch
    ? 'search'
    : filter.escalatedOnly
      ? 'escalation'
      : filter.sort === 'overdue' && filter.statuses.every((status) => (unfinishedStatuses as readonly CaseStatus[]).includes(status))
        ? 'order'
        : 'status';
/** The column as itself where it may choose the index, `+column` where it must not. */
const indexedIf = (column: AnySQLiteColumn, mayChoose: boolean) => (mayChoose ? sql`${column}` : sql`+${column}`);

const openClocksOfCase = sql`${caseClocks.caseId} = ${cases.id} and ${caseClocks.stoppedAt} is null`;

/**
 * Each sort as the columns it orders by, ascending unless `descending`; the id last makes the order total. The work
 * order and the due order are single columns (see `cases.workOrder`), so each list is read in the order of its index.
 */
const sortKeys: Record<CaseListSort, { keys: AnySQLiteColumn[]; descending?: true }> = {
  overdue: { keys: [cases.workOrder] },
  nearestDue: { keys: [cases.dueOrder] },
  newest: { keys: [cases.filedAt, cases.id], descending: true },
};

/**
 * A clock's state at `at`, read as `readClock` in domain/clocks/clock-reading.ts reads it: past its due time and its
 * case not paused, it is breached; otherwise it is what the workflow reported. The filter runs inside D1 over rows the
 * edge never reads, so it cannot call that function (and db/ does not import domain/): the rule is written again here,
 * line for line, from the same facts the rows carry to the edge (the reported state, the due time, the case's pause).
 * tests/worker/case-filters.test.ts keeps the two in step: it lists the cases in each state and checks every row
 * against `readClock`, a clock past due but not yet reported breached among them.
 */
const clockStateAt = (at: string) =>
  sql`(case when not ${cases.paused} and ${caseClocks.dueAt} <= ${at} then 'breached' else ${reportedClockState} end)`;

function openClockCondition(clock: NonNullable<CaseListFilter['openClock']>) {
  const conditions = [
    openClocksOfCase,
    clock.name ? sql`${caseClocks.clock} = ${clock.name}` : undefined,
    clock.inState ? sql`${clockStateAt(clock.inState.at)} = ${clock.inState.state}` : undefined,
    clock.dueBefore ? sql`${caseClocks.dueAt} < ${clock.dueBefore}` : undefined,
    clock.dueAfter ? sql`${caseClocks.dueAt} >= ${clock.dueAfter}` : undefined,
  ].filter((condition) => condition !== undefined);
  return sql`exists (select 1 from ${caseClocks} where ${sql.join(conditions, sql` and `)})`;
}

/** Cases whose search row matches: one look-up in the trigram index, whose rowids are the cases'. */
const matching = (searchMatch: string) =>
  sql`${cases}.rowid in (select ${caseSearch.rowid} from ${caseSearch} where ${caseSearch} match ${searchMatch})`;

/**
 * What a case must be to stand on the list, a page's cursor aside. The page and the totals by station both read by
 * it, so a total is the sum of the rows the same filter lists over every page.
 */
function listConditions(filter: CaseListFilter, driver: Driver) {
  return [
    filter.station ? eq(indexedIf(cases.jurisdictionCode, driver === 'order'), filter.station) : undefined,
    pathWithin(indexedIf(cases.jurisdictionPath, driver === 'escalation' || driver === 'status'), filter.jurisdictionPath),
    inArray(indexedIf(cases.status, driver === 'escalation' || driver === 'status'), [...filter.statuses]),
    // The overdue come first in the work order, all before '1': read so, the overdue list is the work list's head.
    filter.overdueOnly ? (driver === 'order' && filter.sort === 'overdue' ? lt(cases.workOrder, '1') : eq(cases.overdue, true)) : undefined,
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
    filter.searchMatch ? matching(filter.searchMatch) : undefined,
  ];
}

/**
 * One page of the work lists supervisors and mediators read, straight from the projection. Each row carries its
 * sort key, from which the caller makes the cursor of the next page. Awaiting it runs it; the index tests read its
 * plan through `toSQL()`.
 */
export function listCases(db: Database, filter: CaseListFilter) {
  const { keys, descending } = sortKeys[filter.sort];
  const driver = driverOf(filter);
  const ordered = keys.map((key) => indexedIf(key, driver === 'order'));
  const after = filter.after && sql`(${sql.join(ordered, sql`, `)}) ${descending ? sql`<` : sql`>`} (${sql.join(filter.after.map((value) => sql`${value}`), sql`, `)})`;
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
      assigneeName: cases.assigneeName,
      escalationLevel: cases.escalationLevel,
      paused: cases.paused,
      overdue: cases.overdue,
      overdueSince: cases.overdueSince,
      nextDueAt: cases.nextDueAt,
      filedAt: cases.filedAt,
      jurisdictionCode: cases.jurisdictionCode,
      gridCellCode: cases.gridCellCode,
      address: cases.address,
      summary: cases.summary,
      parties: cases.partyList,
      clocks: cases.openClocks,
      sortKey: sql<string>`json_array(${sql.join(keys, sql`, `)})`.mapWith((json: string) => JSON.parse(json) as CursorKey),
    })
    .from(cases)
    .where(and(...listConditions(filter, driver), after))
    .orderBy(...ordered.map((key) => (descending ? sql`${key} desc` : key)))
    .limit(filter.limit);
}

/**
 * The cases the same filter lists on every page, counted per station (a case's `jurisdictionCode` is its station's),
 * with how many of them are overdue. One grouped read, whatever the number of pages.
 */
export function countListedByStation(db: Database, filter: Omit<CaseListFilter, 'after' | 'limit'>) {
  const whole = { ...filter, limit: 0 };
  return db
    .select({ station: cases.jurisdictionCode, cases: count(), overdue: sql<number>`coalesce(sum(${cases.overdue}), 0)`.mapWith(Number) })
    .from(cases)
    .where(and(...listConditions(whole, driverOf(whole))))
    .groupBy(cases.jurisdictionCode);
}
