CREATE TABLE `case_clocks` (
	`case_id` text NOT NULL,
	`clock` text NOT NULL,
	`started_at` text NOT NULL,
	`due_at` text NOT NULL,
	`warned_at` text,
	`breached_at` text,
	`stopped_at` text,
	PRIMARY KEY(`case_id`, `clock`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `clocks_due` ON `case_clocks` (`due_at`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`case_number` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`category` text NOT NULL,
	`summary` text NOT NULL,
	`occurred_at` text,
	`address` text NOT NULL,
	`grid_cell_code` text NOT NULL,
	`jurisdiction_code` text NOT NULL,
	`jurisdiction_path` text NOT NULL,
	`risk_flags` text NOT NULL,
	`channel_details` text NOT NULL,
	`filed_by` text NOT NULL,
	`filed_at` text NOT NULL,
	`filed_day` text NOT NULL,
	`overdue` integer DEFAULT false NOT NULL,
	`workflow_run_id` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`grid_cell_code`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`jurisdiction_code`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_case_number_unique` ON `cases` (`case_number`);--> statement-breakpoint
CREATE INDEX `cases_jurisdiction_day` ON `cases` (`jurisdiction_code`,`filed_day`);--> statement-breakpoint
CREATE INDEX `cases_jurisdiction_path` ON `cases` (`jurisdiction_path`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`case_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `jurisdictions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_code` text,
	`path` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jurisdictions_path_unique` ON `jurisdictions` (`path`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`done_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`done_at`,`id`);--> statement-breakpoint
CREATE TABLE `parties` (
	`case_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`phone` text,
	`address` text,
	PRIMARY KEY(`case_id`, `position`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `timeline_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`workflow_seq` integer,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`detail` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `timeline_case` ON `timeline_events` (`case_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `timeline_case_workflow_seq` ON `timeline_events` (`case_id`,`workflow_seq`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`jurisdiction_code` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`jurisdiction_code`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_token_hash_unique` ON `users` (`token_hash`);