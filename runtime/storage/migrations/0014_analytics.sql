CREATE TABLE `analytics_daily` (
	`flow_id` text NOT NULL,
	`day` text NOT NULL,
	`flow_version` integer NOT NULL,
	`variant` text NOT NULL,
	`channel` text NOT NULL,
	`locale` text NOT NULL,
	`intent` text NOT NULL,
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
	PRIMARY KEY(`flow_id`, `day`, `flow_version`, `variant`, `channel`, `locale`, `intent`)
);
--> statement-breakpoint
CREATE INDEX `analytics_daily_day_idx` ON `analytics_daily` (`day`);--> statement-breakpoint
CREATE TABLE `analytics_node_daily` (
	`flow_id` text NOT NULL,
	`day` text NOT NULL,
	`flow_version` integer NOT NULL,
	`variant` text NOT NULL,
	`node_id` text NOT NULL,
	`entries` integer NOT NULL,
	`exits` text NOT NULL,
	`errors` integer NOT NULL,
	`drop_offs` integer NOT NULL,
	`steps` integer NOT NULL,
	`duration_sum_us` integer NOT NULL,
	`duration_histogram` text NOT NULL,
	PRIMARY KEY(`flow_id`, `day`, `flow_version`, `variant`, `node_id`)
);
--> statement-breakpoint
CREATE TABLE `analytics_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `analytics_unanswered_daily` (
	`flow_id` text NOT NULL,
	`day` text NOT NULL,
	`question` text NOT NULL,
	`reason` text NOT NULL,
	`count` integer NOT NULL,
	`last_seen_at` text NOT NULL,
	`conversation_id` text NOT NULL,
	`locale` text NOT NULL,
	PRIMARY KEY(`flow_id`, `day`, `question`, `reason`)
);
--> statement-breakpoint
CREATE INDEX `analytics_unanswered_day_idx` ON `analytics_unanswered_daily` (`day`);