CREATE TABLE `sla_policies` (
	`version` integer PRIMARY KEY NOT NULL,
	`policy` text NOT NULL,
	`published_by` text NOT NULL,
	`published_at` text NOT NULL,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
