import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import * as v from 'valibot';
import { schema } from '../db/client';
import type { SqliteFile } from './database';

/**
 * One backup set on disk, as `npm run backup` writes it and `npm run restore` reads it: a directory named by the UTC
 * time it was taken, holding the SQLite file, one pg_dump archive per Temporal database, and this manifest.
 */
export const manifestFileName = 'manifest.json';
export const sqliteFileName = 'fengqiao.sqlite';
export const dumpFileName = (database: string) => `${database}.dump`;

export const backupPartSchema = v.object({
  file: v.string(),
  /** What the file holds: `sqlite`, or the PostgreSQL database it was dumped from. */
  source: v.string(),
  bytes: v.pipe(v.number(), v.integer()),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  /** When this part's snapshot was taken: the parts are moments apart, and their order is the set's promise. */
  takenAt: v.pipe(v.string(), v.isoTimestamp()),
});
export type BackupPart = v.InferOutput<typeof backupPartSchema>;

export const manifestSchema = v.object({
  takenAt: v.pipe(v.string(), v.isoTimestamp()),
  /** The app's version as its data knows it: how many drizzle migrations the SQLite file had had. */
  appVersion: v.pipe(v.number(), v.integer()),
  /** In the order they were taken. */
  parts: v.array(backupPartSchema),
});
export type Manifest = v.InferOutput<typeof manifestSchema>;

/** 20261207T161442Z: sorts as it reads, and holds no colon, which scp, Windows shares and tar -C all trip on. */
export const setName = (at: Date) => at.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(/[-:]/g, '');
const setNamePattern = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** When the set was taken, from its name; undefined for anything else in the backup directory. */
export function setTime(name: string): Date | undefined {
  const parts = setNamePattern.exec(name);
  if (!parts) return undefined;
  const [, year, month, day, hour, minute, second] = parts;
  return new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
}

export function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export async function describePart(dir: string, file: string, source: string, takenAt: Date): Promise<BackupPart> {
  const path = join(dir, file);
  return { file, source, bytes: statSync(path).size, sha256: await sha256Of(path), takenAt: takenAt.toISOString() };
}

/** The set's manifest, once every part is as the manifest says: a set copied half-way or altered since is refused. */
export async function verifiedManifest(dir: string): Promise<Manifest> {
  const manifest = v.parse(manifestSchema, JSON.parse(readFileSync(join(dir, manifestFileName), 'utf8')));
  for (const part of manifest.parts) {
    const path = join(dir, part.file);
    const bytes = statSync(path, { throwIfNoEntry: false })?.size;
    if (bytes !== part.bytes) throw new Error(`${path}: ${bytes === undefined ? 'missing' : `${bytes} bytes`}, the manifest says ${part.bytes}; the set is incomplete.`);
    if ((await sha256Of(path)) !== part.sha256) throw new Error(`${path}: its sha256 is not the manifest's; the set is damaged.`);
  }
  return manifest;
}

/** Reads a SQLite file that no edge uses (a set's copy): opened without WAL, so nothing is written beside it. */
export async function readSqliteCopy<T>(path: string, read: (db: SqliteFile['db']) => Promise<T>): Promise<T> {
  const client = createClient({ url: `file:${path}` });
  try {
    return await read(drizzle(client, { schema }));
  } finally {
    client.close();
  }
}
