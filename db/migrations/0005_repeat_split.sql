ALTER TABLE `cases` ADD `split_from` text REFERENCES cases(id);--> statement-breakpoint
ALTER TABLE `cases` ADD `split_from_report` integer REFERENCES timeline_events(id);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_split_from_report` ON `cases` (`split_from_report`);