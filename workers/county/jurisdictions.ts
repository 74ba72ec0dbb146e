import type { Database } from '../../db/client';
import { findJurisdiction } from '../../db/queries/jurisdictions';
import type { JurisdictionRow } from '../../db/schema';
import { IsolateCache } from '../runtime/isolate-cache';

/**
 * The jurisdiction tree changes a few times a year and every intake reads it, so an isolate keeps what it
 * read for a minute rather than asking D1 again on each filing.
 */
const jurisdictions = new IsolateCache<JurisdictionRow | undefined>(60_000);

export const jurisdictionByCode = (db: Database, code: string) => jurisdictions.get(code, () => findJurisdiction(db, code));

/** After a place is opened or renamed: this isolate reads the tree again at once, others within the minute. */
export const forgetJurisdictions = () => jurisdictions.clear();
