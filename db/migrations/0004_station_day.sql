ALTER TABLE `cases` ADD `address_key` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `outcome` text;--> statement-breakpoint
CREATE INDEX `cases_address_key` ON `cases` (`jurisdiction_code`,`address_key`);--> statement-breakpoint
ALTER TABLE `parties` ADD `phone_key` text;--> statement-breakpoint
CREATE INDEX `parties_phone_key` ON `parties` (`phone_key`);--> statement-breakpoint
ALTER TABLE `users` ADD `department` text;