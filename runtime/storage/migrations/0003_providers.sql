CREATE TABLE `llm_providers` (
	`name` text PRIMARY KEY NOT NULL,
	`base_url` text NOT NULL,
	`api_key_sealed` text,
	`api_key_hint` text,
	`chat_model` text NOT NULL,
	`embedding_model` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `workspace_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL
);
