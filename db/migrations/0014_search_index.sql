DROP TABLE `case_search_terms`;
--> statement-breakpoint
-- One row a case (rowid = the case's rowid); the trigram tokenizer finds any run of three characters or more. The cron's
-- walk for search index version 4 fills it for the cases filed before (workers/services/case-backfill.ts).
CREATE VIRTUAL TABLE `case_search` USING fts5(`words`, `pairs`, `numbers`, tokenize = 'trigram');
