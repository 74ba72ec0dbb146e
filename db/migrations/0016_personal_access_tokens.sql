-- Each user's one token becomes a named personal access token with a year to run, made by its user.
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user` ON `api_tokens` (`user_id`);--> statement-breakpoint
INSERT INTO `api_tokens` (`id`, `user_id`, `name`, `token_hash`, `created_by`, `created_at`, `expires_at`)
SELECT 'tk-first-' || `id`, `id`, '最初的令牌', `token_hash`, `id`, `created_at`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+365 days') FROM `users`;--> statement-breakpoint
DROP INDEX `users_token_hash_unique`;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `token_hash`;