/**
 * A case's row of the search index (db/migrations/0014_search_index.sql), as domain/search-index.ts writes it and
 * the data layer stores it: three texts the trigram index searches, each for one kind of query word.
 */
export type SearchColumn = 'words' | 'pairs' | 'numbers';
export type SearchDocument = Record<SearchColumn, string>;
