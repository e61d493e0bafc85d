CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`flow_id` text NOT NULL,
	`flow_version` integer NOT NULL,
	`customer_id` text,
	`channel` text NOT NULL,
	`locale` text NOT NULL,
	`status` text NOT NULL,
	`resolution` text,
	`state` text NOT NULL,
	`turn_count` integer DEFAULT 0 NOT NULL,
	`message_count` integer DEFAULT 0 NOT NULL,
	`variant` text,
	`lock_token` text,
	`lock_until` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`closed_at` text
);
--> statement-breakpoint
CREATE INDEX `conversations_flow_idx` ON `conversations` (`flow_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_customer_idx` ON `conversations` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_status_idx` ON `conversations` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`profile` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `flow_versions` (
	`flow_id` text NOT NULL,
	`version` integer NOT NULL,
	`document` text NOT NULL,
	`prepared` text DEFAULT '{}' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`published_at` text NOT NULL,
	PRIMARY KEY(`flow_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `flows` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`draft` text NOT NULL,
	`revision` integer NOT NULL,
	`latest_version` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`turn_id` text NOT NULL,
	`role` text NOT NULL,
	`text` text NOT NULL,
	`quick_replies` text,
	`node_id` text,
	`meta` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_conversation_seq_idx` ON `messages` (`conversation_id`,`seq`);--> statement-breakpoint
CREATE TABLE `turn_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`turn_id` text NOT NULL,
	`step` integer NOT NULL,
	`node_id` text NOT NULL,
	`node_type` text NOT NULL,
	`port` text,
	`outcome` text NOT NULL,
	`duration_us` integer NOT NULL,
	`error` text,
	`notes` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `turn_events_conversation_idx` ON `turn_events` (`conversation_id`,`turn_id`,`step`);--> statement-breakpoint
CREATE TABLE `turns` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`event_type` text NOT NULL,
	`idempotency_key` text,
	`result` text NOT NULL,
	`started_at` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`prompt_tokens` integer DEFAULT 0 NOT NULL,
	`completion_tokens` integer DEFAULT 0 NOT NULL,
	`llm_calls` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `turns_conversation_seq_idx` ON `turns` (`conversation_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `turns_idempotency_idx` ON `turns` (`conversation_id`,`idempotency_key`) WHERE idempotency_key IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `turns_start_key_idx` ON `turns` (`idempotency_key`) WHERE event_type = 'start' AND idempotency_key IS NOT NULL;