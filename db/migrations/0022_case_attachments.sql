CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`attached_by` text NOT NULL,
	`attached_at` text NOT NULL,
	`store_key` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attached_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_case` ON `attachments` (`case_id`,`attached_at`);--> statement-breakpoint
ALTER TABLE `case_reads` ADD `attachment_id` text REFERENCES attachments(id);