import { sql } from 'drizzle-orm';
import { cases } from '../schema';

/** Cases at or below a jurisdiction path; a plain prefix compare, where LIKE would read '_' in codes as a wildcard. */
export const caseWithin = (path: string) => sql`substr(${cases.jurisdictionPath}, 1, ${path.length}) = ${path}`;
