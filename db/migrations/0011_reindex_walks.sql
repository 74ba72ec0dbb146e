CREATE TABLE `reindex_walks` (
	`terms_version` integer PRIMARY KEY NOT NULL,
	`end_case_id` text NOT NULL,
	`walked_case_id` text,
	`began_at` text NOT NULL
);
