import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { caseClocks, cases, parties, users } from '../schema';

/**
 * The work lists' copy of a case's clocks, parties and assignee (the `cases` columns from `overdue_since` on), worked
 * out from the rows themselves. Every batch that writes those rows ends with `refreshListing`, so the copy is never
 * older than what it copies; the lists then read one row a case, in the order of an index, whatever the county's size.
 *
 * The subqueries name their tables in full: inside an UPDATE an unqualified `id` or `name` could be read as the
 * inner table's column.
 */
const openClocksOfCase = sql`${caseClocks.caseId} = "cases"."id" and ${caseClocks.stoppedAt} is null`;

/**
 * What the workflow has reported of a clock, as `reportedState` in domain/clocks/clock-reading.ts says it. The list's
 * copy keeps this and not the state at a moment, which a copy cannot keep: the edge reads it at its `now` through
 * `readClock`, and the clockState filter in case-lists.ts does the same in SQL.
 */
export const reportedClockState = sql`case when ${caseClocks.breachedAt} is not null then 'breached' when ${caseClocks.warnedAt} is not null then 'warning' else 'running' end`;

export const listingColumns = {
  overdueSince: sql`(select min(${caseClocks.breachedAt}) from ${caseClocks} where ${openClocksOfCase})`,
  nextDueAt: sql`(select min(${caseClocks.dueAt}) from ${caseClocks} where ${openClocksOfCase})`,
  openClocks: sql`(select json_group_array(json_object('clock', ${caseClocks.clock}, 'dueAt', ${caseClocks.dueAt}, 'state', ${reportedClockState}) order by ${caseClocks.dueAt}, ${caseClocks.clock})
    from ${caseClocks} where ${openClocksOfCase})`,
  partyList: sql`(select json_group_array(json_object('name', ${parties.name}, 'role', ${parties.role}, 'phone', ${parties.phone}) order by ${parties.position})
    from ${parties} where ${parties.caseId} = "cases"."id")`,
  assigneeName: sql`(select ${users.name} from ${users} where ${users.id} = "cases"."assignee_id")`,
};

/** Brings the list's copy of one case up to date: the last statement of a batch that wrote its clocks, parties or assignee. */
export const refreshListing = (db: Database, caseId: string) => db.update(cases).set(listingColumns).where(eq(cases.id, caseId));

/** A renamed user is renamed on the lists of the cases they hold. */
export const refreshAssigneeName = (db: Database, userId: string) =>
  db.update(cases).set({ assigneeName: listingColumns.assigneeName }).where(eq(cases.assigneeId, userId));
