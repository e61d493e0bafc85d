CREATE TABLE `conversation_events` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`flow_id` text NOT NULL,
	`flow_version` integer NOT NULL,
	`variant` text,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`value` real,
	`detail` text,
	`source` text NOT NULL,
	`node_id` text,
	`turn_id` text,
	`idempotency_key` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conversation_events_conversation_idx` ON `conversation_events` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversation_events_flow_idx` ON `conversation_events` (`flow_id`,`type`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `conversation_events_key_idx` ON `conversation_events` (`conversation_id`,`idempotency_key`) WHERE idempotency_key IS NOT NULL;