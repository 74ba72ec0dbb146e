import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../client';
import { cases, parties, reindexWalks } from '../schema';
import type { SearchDocument } from '../../schemas/search-document';
import { rowidOf, writeSearchDocument } from './cases';

/**
 * Cases filed before their matching keys and search terms existed, or before the terms last changed, get them by a
 * walk over every case once, oldest first, a chunk at a time; `reindex_walks` keeps where it stands.
 */
export interface Walk {
  /** The last case reindexed; none yet at the start. */
  walked?: string;
  /** The newest case when the walk began; none when it has not begun. */
  end?: string;
}

export async function readWalk(db: Database, version: number): Promise<Walk> {
  const [row] = await db.select().from(reindexWalks).where(eq(reindexWalks.termsVersion, version));
  return { walked: row?.walkedCaseId ?? undefined, end: row?.endCaseId };
}

/** Marks the newest case as where the walk ends; undefined when there are no cases at all. */
export async function beginWalk(db: Database, version: number, at: string): Promise<string | undefined> {
  const [newest] = await db.select({ id: cases.id }).from(cases).orderBy(sql`${cases}.rowid desc`).limit(1);
  if (!newest) return undefined;
  await db.insert(reindexWalks).values({ termsVersion: version, endCaseId: newest.id, beganAt: at }).onConflictDoNothing();
  return (await readWalk(db, version)).end;
}

/** The next cases of the walk after the last one reindexed, up to its end, each with its parties. */
export async function nextCasesOfWalk(db: Database, walk: Required<Pick<Walk, 'end'>> & Walk, limit: number) {
  const chunk = await db
    .select(walkedColumns)
    .from(cases)
    .where(and(walk.walked ? sql`${cases}.rowid > ${rowidOf(walk.walked)}` : undefined, sql`${cases}.rowid <= ${rowidOf(walk.end)}`))
    .orderBy(sql`${cases}.rowid`)
    .limit(limit);
  return withParties(db, chunk);
}

/** These cases as the walk reads them, oldest first. */
export async function casesOfIds(db: Database, caseIds: readonly string[]) {
  const chunk = await db.select(walkedColumns).from(cases).where(inArray(cases.id, [...caseIds])).orderBy(sql`${cases}.rowid`);
  return withParties(db, chunk);
}

const walkedColumns = { id: cases.id, caseNumber: cases.caseNumber, address: cases.address, addressKey: cases.addressKey };

async function withParties<Row extends { id: string }>(db: Database, chunk: Row[]) {
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
  search: SearchDocument;
  /** How many parties the document was made of: a repeat's party added meanwhile keeps the row it appended to. */
  partyCount: number;
}

/**
 * One chunk of the walk in one D1 batch: the keys a case lacks, its search document (unless a repeat's party was
 * added since the chunk was read: that repeat appended to the row; a case left without one the service writes
 * again), and the walk moved on to `walkedTo`, the chunk's last case unless said. Writing a chunk twice writes
 * nothing new.
 */
export async function writeReindexed(db: Database, version: number, chunk: Reindexed[], walkedTo = chunk.at(-1)?.caseId) {
  if (!chunk.length || !walkedTo) return;
  const writes: BatchItem<'sqlite'>[] = chunk.flatMap((found) => [
    db.update(cases).set({ addressKey: found.addressKey }).where(and(eq(cases.id, found.caseId), isNull(cases.addressKey))),
    ...found.phoneKeys.map(({ position, phoneKey }) =>
      db.update(parties).set({ phoneKey }).where(and(eq(parties.caseId, found.caseId), eq(parties.position, position), isNull(parties.phoneKey))),
    ),
    ...writeSearchDocument(db, found.caseId, found.search, undefined, found.partyCount),
  ]);
  await db.batch([
    ...(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]),
    db.update(reindexWalks).set({ walkedCaseId: walkedTo }).where(eq(reindexWalks.termsVersion, version)),
  ]);
}
