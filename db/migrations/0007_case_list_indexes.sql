CREATE INDEX `cases_status_path` ON `cases` (`status`,`jurisdiction_path`);--> statement-breakpoint
CREATE INDEX `cases_overdue_status_path` ON `cases` (`overdue`,`status`,`jurisdiction_path`);--> statement-breakpoint
CREATE INDEX `cases_escalation_status_path` ON `cases` (`escalation_level`,`status`,`jurisdiction_path`);