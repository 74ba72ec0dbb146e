import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { cases, jurisdictions } from '../schema';

/** Cases at or below a jurisdiction path; a plain prefix compare, where LIKE would read '_' in codes as a wildcard. */
export const caseWithin = (path: string) => sql`substr(${cases.jurisdictionPath}, 1, ${path.length}) = ${path}`;

export async function findJurisdiction(db: Database, code: string) {
  const [row] = await db.select().from(jurisdictions).where(eq(jurisdictions.code, code));
  return row;
}
