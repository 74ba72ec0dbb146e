CREATE TABLE `case_search_terms` (
	`term` text NOT NULL,
	`case_id` text NOT NULL,
	PRIMARY KEY(`term`, `case_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_search_terms_case` ON `case_search_terms` (`case_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `disabled_at` text;