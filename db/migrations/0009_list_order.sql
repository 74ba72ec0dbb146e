DROP INDEX `cases_assignee`;--> statement-breakpoint
ALTER TABLE `cases` ADD `overdue_since` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `next_due_at` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `open_clocks` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `party_list` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `assignee_name` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `work_order` text GENERATED ALWAYS AS ((case when overdue then '0' else '1' end) || '|' || coalesce(overdue_since, '~') || '|' || coalesce(next_due_at, '~') || '|' || filed_at || '|' || id) VIRTUAL;--> statement-breakpoint
ALTER TABLE `cases` ADD `due_order` text GENERATED ALWAYS AS (coalesce(next_due_at, '~') || '|' || filed_at || '|' || id) VIRTUAL;--> statement-breakpoint
-- The lists' copy of every case filed so far, as db/queries/case-listing.ts keeps it from now on.
update "cases" set "overdue_since" = (select min("case_clocks"."breached_at") from "case_clocks" where "case_clocks"."case_id" = "cases"."id" and "case_clocks"."stopped_at" is null), "next_due_at" = (select min("case_clocks"."due_at") from "case_clocks" where "case_clocks"."case_id" = "cases"."id" and "case_clocks"."stopped_at" is null), "open_clocks" = (select json_group_array(json_object('clock', "case_clocks"."clock", 'dueAt', "case_clocks"."due_at", 'state', case when "case_clocks"."breached_at" is not null then 'breached' when "case_clocks"."warned_at" is not null then 'warning' else 'running' end) order by "case_clocks"."due_at", "case_clocks"."clock") from "case_clocks" where "case_clocks"."case_id" = "cases"."id" and "case_clocks"."stopped_at" is null), "party_list" = (select json_group_array(json_object('name', "parties"."name", 'role', "parties"."role", 'phone', "parties"."phone") order by "parties"."position") from "parties" where "parties"."case_id" = "cases"."id"), "assignee_name" = (select "users"."name" from "users" where "users"."id" = "cases"."assignee_id");--> statement-breakpoint
CREATE INDEX `cases_work_order` ON `cases` (`work_order`);--> statement-breakpoint
CREATE INDEX `cases_station_work_order` ON `cases` (`jurisdiction_code`,`work_order`);--> statement-breakpoint
CREATE INDEX `cases_assignee_work_order` ON `cases` (`assignee_id`,`work_order`);