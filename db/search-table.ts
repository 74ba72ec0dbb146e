import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The search index: an FTS5 table made by its own migration (0014_search_index.sql), so it stays out of the schema
 * drizzle-kit diffs, and declared here only for the queries to name its columns. One row a case, its rowid the case's
 * rowid, holding the document of domain/search-index.ts. Anything that renumbers the cases' rowids (VACUUM, a load
 * from an SQL dump) must be followed by a new walk (raise `searchIndexVersion`).
 */
export const caseSearch = sqliteTable('case_search', {
  rowid: integer('rowid').notNull(),
  words: text('words').notNull(),
  pairs: text('pairs').notNull(),
  numbers: text('numbers').notNull(),
});
