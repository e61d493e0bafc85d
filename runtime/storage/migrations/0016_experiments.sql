CREATE TABLE `experiments` (
	`id` text PRIMARY KEY NOT NULL,
	`flow_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`variants` text NOT NULL,
	`primary_kpi` text NOT NULL,
	`guardrails` text NOT NULL,
	`alpha` real NOT NULL,
	`power` real NOT NULL,
	`mde` real NOT NULL,
	`baseline` real NOT NULL,
	`min_conversations` integer NOT NULL,
	`stop_reason` text,
	`stop_detail` text,
	`promoted_variant` text,
	`promoted_version` integer,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`started_at` text,
	`ended_at` text
);
--> statement-breakpoint
CREATE INDEX `experiments_flow_idx` ON `experiments` (`flow_id`,`status`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `experiment_id` text;