CREATE TABLE `compliance_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`conversation_id` text,
	`flow_id` text,
	`node_id` text,
	`policy_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`rule_kind` text NOT NULL,
	`action` text NOT NULL,
	`source` text NOT NULL,
	`before` text NOT NULL,
	`after` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `compliance_events_created_idx` ON `compliance_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `compliance_events_flow_idx` ON `compliance_events` (`flow_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `compliance_events_conversation_idx` ON `compliance_events` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `compliance_events_rule_idx` ON `compliance_events` (`rule_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `compliance_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`document` text NOT NULL,
	`revision` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
