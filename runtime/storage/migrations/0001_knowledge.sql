CREATE TABLE `kb_chunks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`knowledge_base_id` text NOT NULL,
	`document_id` text NOT NULL,
	`seq` integer NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`text` text NOT NULL,
	`embedding` blob,
	`embedding_model` text,
	FOREIGN KEY (`document_id`) REFERENCES `kb_documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `kb_chunks_document_idx` ON `kb_chunks` (`document_id`,`seq`);--> statement-breakpoint
CREATE INDEX `kb_chunks_kb_idx` ON `kb_chunks` (`knowledge_base_id`) WHERE embedding IS NOT NULL;--> statement-breakpoint
CREATE TABLE `kb_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`knowledge_base_id` text NOT NULL,
	`name` text NOT NULL,
	`format` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`status` text NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`error` text,
	`content` text NOT NULL,
	`byte_size` integer NOT NULL,
	`chunk_count` integer DEFAULT 0 NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`knowledge_base_id`) REFERENCES `knowledge_bases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kb_documents_name_idx` ON `kb_documents` (`knowledge_base_id`,`name`);--> statement-breakpoint
CREATE INDEX `kb_documents_status_idx` ON `kb_documents` (`status`);--> statement-breakpoint
CREATE TABLE `knowledge_bases` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`chunk_size` integer NOT NULL,
	`chunk_overlap` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
