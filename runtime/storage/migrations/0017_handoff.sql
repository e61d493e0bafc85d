CREATE TABLE `agent_presence` (
	`agent_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`queues` text NOT NULL,
	`max_concurrent` integer NOT NULL,
	`last_seen_ms` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `agent_presence_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agent_id` text NOT NULL,
	`status` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agent_presence_log_agent_idx` ON `agent_presence_log` (`agent_id`,`at`);--> statement-breakpoint
CREATE TABLE `canned_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`queue` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `handoff_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`handoff_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`kind` text NOT NULL,
	`agent_id` text,
	`agent_name` text,
	`text` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handoff_notes_conversation_idx` ON `handoff_notes` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `handoff_queues` (
	`name` text PRIMARY KEY NOT NULL,
	`description` text NOT NULL,
	`settings` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `handoffs` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`flow_id` text NOT NULL,
	`node_id` text NOT NULL,
	`queue` text NOT NULL,
	`reason` text NOT NULL,
	`priority` integer NOT NULL,
	`summary` text NOT NULL,
	`status` text NOT NULL,
	`agent_id` text,
	`agent_name` text,
	`queue_message` text NOT NULL,
	`last_position` integer,
	`requested_at` text NOT NULL,
	`claimed_at` text,
	`first_reply_at` text,
	`ended_at` text,
	`resolution_code` text,
	`transfers` integer DEFAULT 0 NOT NULL,
	`deadline_ms` integer,
	`next_update_ms` integer
);
--> statement-breakpoint
CREATE INDEX `handoffs_queue_idx` ON `handoffs` (`status`,`queue`,`priority`,`requested_at`);--> statement-breakpoint
CREATE INDEX `handoffs_conversation_idx` ON `handoffs` (`conversation_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `handoffs_agent_idx` ON `handoffs` (`agent_id`,`status`);--> statement-breakpoint
CREATE INDEX `handoffs_deadline_idx` ON `handoffs` (`status`,`deadline_ms`);--> statement-breakpoint
CREATE INDEX `handoffs_update_idx` ON `handoffs` (`status`,`next_update_ms`);--> statement-breakpoint
CREATE INDEX `handoffs_requested_idx` ON `handoffs` (`requested_at`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `handed_off_at` text;