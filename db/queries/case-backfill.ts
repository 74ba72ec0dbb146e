import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../client';
import { caseSearchTerms, cases, parties } from '../schema';
import { insertSearchTerms } from './cases';

/**
 * Cases filed before their matching keys and search terms existed, or before the terms last changed, get them by a
 * walk over every case once, oldest first (by rowid, the order they were written in), a chunk at a time. Where the
 * walk stands is kept without a table of its own: two rows of `case_search_terms` whose terms no query can hold
 * (queries are letters, digits and '*'), naming the last case reindexed and the newest case when the walk began.
 * Cases filed after that were indexed by the intake that filed them.
 */
const walkedTerm = (version: number) => `#reindexed-v${version}`;
const endTerm = (version: number) => `#reindex-end-v${version}`;

export interface Walk {
  /** The last case reindexed; none yet at the start. */
  walked?: string;
  /** The newest case when the walk began; none when it has not begun. */
  end?: string;
}

export async function readWalk(db: Database, version: number): Promise<Walk> {
  const rows = await db
    .select({ term: caseSearchTerms.term, caseId: caseSearchTerms.caseId })
    .from(caseSearchTerms)
    .where(inArray(caseSearchTerms.term, [walkedTerm(version), endTerm(version)]));
  const of = (term: string) => rows.find((row) => row.term === term)?.caseId;
  return { walked: of(walkedTerm(version)), end: of(endTerm(version)) };
}

/** Marks the newest case as where the walk ends; undefined when there are no cases at all. */
export async function beginWalk(db: Database, version: number): Promise<string | undefined> {
  const [newest] = await db.select({ id: cases.id }).from(cases).orderBy(sql`${cases}.rowid desc`).limit(1);
  if (!newest) return undefined;
  await db.insert(caseSearchTerms).values({ term: endTerm(version), caseId: newest.id }).onConflictDoNothing();
  return newest.id;
}

const rowidOf = (caseId: string) => sql`(select rowid from ${cases} where ${cases.id} = ${caseId})`;

/** The next cases of the walk after the last one reindexed, up to its end, each with its parties. */
export async function nextCasesOfWalk(db: Database, walk: Required<Pick<Walk, 'end'>> & Walk, limit: number) {
  const chunk = await db
    .select({ id: cases.id, caseNumber: cases.caseNumber, address: cases.address, addressKey: cases.addressKey })
    .from(cases)
    .where(and(walk.walked ? sql`${cases}.rowid > ${rowidOf(walk.walked)}` : undefined, sql`${cases}.rowid <= ${rowidOf(walk.end)}`))
    .orderBy(sql`${cases}.rowid`)
    .limit(limit);
  if (!chunk.length) return [];
  const partyRows = await db
    .select({ caseId: parties.caseId, position: parties.position, name: parties.name, phone: parties.phone, phoneKey: parties.phoneKey })
    .from(parties)
    .where(inArray(parties.caseId, chunk.map((row) => row.id)))
    .orderBy(asc(parties.caseId), asc(parties.position));
  return chunk.map((row) => ({ ...row, parties: partyRows.filter((party) => party.caseId === row.id) }));
}

export interface Reindexed {
  caseId: string;
  /** Written only where the case has none. */
  addressKey: string;
  phoneKeys: { position: number; phoneKey: string }[];
  terms: readonly string[];
}

/**
 * One chunk of the walk in one D1 batch: the keys a case lacks, the terms it lacks (a term it has is kept, so a
 * repeat's party added meanwhile loses nothing), and the walk moved on to its last case. Writing a chunk twice
 * writes nothing new.
 */
export async function writeReindexed(db: Database, version: number, chunk: Reindexed[]) {
  const last = chunk.at(-1);
  if (!last) return;
  const writes: BatchItem<'sqlite'>[] = chunk.flatMap((found) => [
    db.update(cases).set({ addressKey: found.addressKey }).where(and(eq(cases.id, found.caseId), isNull(cases.addressKey))),
    ...found.phoneKeys.map(({ position, phoneKey }) =>
      db.update(parties).set({ phoneKey }).where(and(eq(parties.caseId, found.caseId), eq(parties.position, position), isNull(parties.phoneKey))),
    ),
    insertSearchTerms(db, found.caseId, found.terms),
  ]);
  await db.batch([
    ...(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]),
    db.delete(caseSearchTerms).where(eq(caseSearchTerms.term, walkedTerm(version))),
    db.insert(caseSearchTerms).values({ term: walkedTerm(version), caseId: last.caseId }),
  ]);
}
