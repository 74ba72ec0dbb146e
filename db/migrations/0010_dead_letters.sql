CREATE TABLE `dead_letters` (
	`outbox_id` integer PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`attempts` integer NOT NULL,
	`dead_at` text NOT NULL,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `next_attempt_at` text;