import type { Database } from '../../db/client';
import { beginWalk, nextCasesOfWalk, readWalk, writeReindexed, type Reindexed } from '../../db/queries/case-backfill';
import { addressKey, phoneKey } from '../../domain/repeat-matching';
import { caseSearchTerms, searchTermsVersion } from '../../domain/search-terms';

/** Cases a cron run reindexes: a few D1 statements each in one batch, well within a run; a million cases in a week. */
const casesPerRun = 100;

/**
 * Gives cases filed before the matching keys (migration 0004) and the search terms (0006) existed, or before the
 * terms last changed, what intake gives a case now: its address and phone keys, so a later intake finds it as a
 * repeat, and its search terms, so a supervisor finds it. The cron runs a chunk each minute until the walk ends;
 * after that a run costs one read.
 */
export async function backfillCases(db: Database, limit = casesPerRun): Promise<{ reindexed: number; done: boolean }> {
  const walk = await readWalk(db, searchTermsVersion);
  const end = walk.end ?? (await beginWalk(db, searchTermsVersion, new Date().toISOString()));
  if (!end || walk.walked === end) return { reindexed: 0, done: true };
  const chunk = await nextCasesOfWalk(db, { ...walk, end }, limit);
  const reindexed: Reindexed[] = chunk.map((found) => ({
    caseId: found.id,
    addressKey: addressKey(found.address),
    phoneKeys: found.parties.flatMap((party) => {
      const key = phoneKey(party.phone);
      return key && !party.phoneKey ? [{ position: party.position, phoneKey: key }] : [];
    }),
    terms: caseSearchTerms({ caseNumber: found.caseNumber, address: found.address, parties: found.parties }),
  }));
  await writeReindexed(db, searchTermsVersion, reindexed);
  return { reindexed: reindexed.length, done: reindexed.at(-1)?.caseId === end || reindexed.length === 0 };
}
