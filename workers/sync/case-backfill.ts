import type { Database } from '../../db/client';
import { beginWalk, casesOfIds, nextCasesOfWalk, readWalk, writeReindexed, type Reindexed } from '../../db/queries/case-backfill';
import { casesNotIndexed } from '../../db/queries/cases';
import { addressKey, phoneKey } from '../../domain/repeat-matching';
import { caseSearchDocument, searchIndexVersion } from '../../domain/search-index';

/** Cases a cron run reindexes: a few D1 statements each in one batch, well within a run; a million cases in a week. */
const casesPerRun = 100;

/**
 * Gives cases filed before the matching keys (migration 0004) and the search index (0014) existed, or before what a
 * case is found by last changed, what intake gives a case now: its address and phone keys, so a later intake finds it
 * as a repeat, and its search document, so a supervisor finds it. The cron runs a chunk each minute until the walk ends;
 * after that a run costs one read.
 */
export async function backfillCases(db: Database, limit = casesPerRun): Promise<{ reindexed: number; done: boolean }> {
  const walk = await readWalk(db, searchIndexVersion);
  const end = walk.end ?? (await beginWalk(db, searchIndexVersion, new Date().toISOString()));
  if (!end || walk.walked === end) return { reindexed: 0, done: true };
  const chunk = await nextCasesOfWalk(db, { ...walk, end }, limit);
  const reindexed = chunk.map(reindexedOf);
  await writeReindexed(db, searchIndexVersion, reindexed);
  // A repeat that added a party between the read and the write left its case out; read afresh, it goes in now, and
  // the walk stays where the chunk took it.
  const missed = await casesNotIndexed(db, reindexed.map((found) => found.caseId));
  if (missed.length) await writeReindexed(db, searchIndexVersion, (await casesOfIds(db, missed)).map(reindexedOf), reindexed.at(-1)!.caseId);
  return { reindexed: reindexed.length, done: reindexed.at(-1)?.caseId === end || reindexed.length === 0 };
}

function reindexedOf(found: Awaited<ReturnType<typeof nextCasesOfWalk>>[number]): Reindexed {
  return {
    caseId: found.id,
    addressKey: addressKey(found.address),
    phoneKeys: found.parties.flatMap((party) => {
      const key = phoneKey(party.phone);
      return key && !party.phoneKey ? [{ position: party.position, phoneKey: key }] : [];
    }),
    partyCount: found.parties.length,
    search: caseSearchDocument({ caseNumber: found.caseNumber, address: found.address, parties: found.parties }),
  };
}
