import { and, count, eq, inArray } from 'drizzle-orm';
import { unfinishedStatuses } from '../../schemas/vocabulary';
import type { Database } from '../client';
import { cases } from '../schema';
import { caseWithin } from './jurisdictions';

/** The unfinished cases overdue now within a jurisdiction, counted per station: read by the overdue index. */
export const countOverdueByStation = (db: Database, jurisdictionPath: string) =>
  db
    .select({ station: cases.jurisdictionCode, overdue: count() })
    .from(cases)
    .where(and(eq(cases.overdue, true), inArray(cases.status, [...unfinishedStatuses]), caseWithin(jurisdictionPath)))
    .groupBy(cases.jurisdictionCode);
