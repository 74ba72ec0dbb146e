CREATE TABLE `agreement_templates` (
	`station_code` text PRIMARY KEY NOT NULL,
	`committee_name` text NOT NULL,
	`seal_text` text NOT NULL,
	`number_prefix` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`station_code`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agreements` (
	`case_id` text NOT NULL,
	`workflow_seq` integer NOT NULL,
	`committee_code` text NOT NULL,
	`year` integer NOT NULL,
	`number` integer NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`case_id`, `workflow_seq`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`committee_code`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_committee_year_number` ON `agreements` (`committee_code`,`year`,`number`);