CREATE TABLE `flow_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`flow_id` text NOT NULL,
	`document` text NOT NULL,
	`prepared` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `flow_snapshots_flow_idx` ON `flow_snapshots` (`flow_id`,`id`);