CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`workflow_seq` integer NOT NULL,
	`kind` text NOT NULL,
	`audience` text NOT NULL,
	`recipient` text NOT NULL,
	`created_at` text NOT NULL,
	`read_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_recipient` ON `notifications` (`recipient`,`read_at`);--> statement-breakpoint
ALTER TABLE `case_clocks` ADD `paused_at` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `route` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `hard_case` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `order_stage` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `assignee_id` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `escalation_level` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `paused` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `projected_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `process_state` text;--> statement-breakpoint
CREATE INDEX `cases_assignee` ON `cases` (`assignee_id`);--> statement-breakpoint
ALTER TABLE `timeline_events` ADD `reason` text;