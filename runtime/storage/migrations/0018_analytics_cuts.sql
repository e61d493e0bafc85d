CREATE TABLE `analytics_daily_cuts` (
	`flow_id` text NOT NULL,
	`day` text NOT NULL,
	`flow_version` integer NOT NULL,
	`variant` text NOT NULL,
	`cut` text NOT NULL,
	`value` text NOT NULL,
	`conversations` integer NOT NULL,
	`closed` integer NOT NULL,
	`resolved_by_bot` integer NOT NULL,
	`handed_off` integer NOT NULL,
	`abandoned` integer NOT NULL,
	`csat_answers` integer NOT NULL,
	`csat_positive` integer NOT NULL,
	`conversions` integer NOT NULL,
	`conversion_value` real NOT NULL,
	`turns_sum` integer NOT NULL,
	`turns_squares` integer NOT NULL,
	`first_response_count` integer NOT NULL,
	`first_response_sum_ms` real NOT NULL,
	`first_response_squares` real NOT NULL,
	`first_response_histogram` text NOT NULL,
	`prompt_tokens` integer NOT NULL,
	`completion_tokens` integer NOT NULL,
	PRIMARY KEY(`flow_id`, `cut`, `day`, `flow_version`, `variant`, `value`)
);
--> statement-breakpoint
CREATE INDEX `analytics_daily_cuts_day_idx` ON `analytics_daily_cuts` (`cut`,`day`);--> statement-breakpoint
CREATE TABLE `analytics_daily_totals` (
	`flow_id` text NOT NULL,
	`day` text NOT NULL,
	`flow_version` integer NOT NULL,
	`variant` text NOT NULL,
	`conversations` integer NOT NULL,
	`closed` integer NOT NULL,
	`resolved_by_bot` integer NOT NULL,
	`handed_off` integer NOT NULL,
	`abandoned` integer NOT NULL,
	`csat_answers` integer NOT NULL,
	`csat_positive` integer NOT NULL,
	`conversions` integer NOT NULL,
	`conversion_value` real NOT NULL,
	`turns_sum` integer NOT NULL,
	`turns_squares` integer NOT NULL,
	`first_response_count` integer NOT NULL,
	`first_response_sum_ms` real NOT NULL,
	`first_response_squares` real NOT NULL,
	`first_response_histogram` text NOT NULL,
	`prompt_tokens` integer NOT NULL,
	`completion_tokens` integer NOT NULL,
	PRIMARY KEY(`flow_id`, `day`, `flow_version`, `variant`)
);
--> statement-breakpoint
CREATE INDEX `analytics_daily_totals_day_idx` ON `analytics_daily_totals` (`day`);--> statement-breakpoint
DROP TABLE `analytics_daily`;--> statement-breakpoint
-- The rollups are rebuilt from the raw tables into the new tables at the next refresh.
DELETE FROM `analytics_state`;
