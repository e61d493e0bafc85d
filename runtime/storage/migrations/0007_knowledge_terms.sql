ALTER TABLE `kb_chunks` ADD `title_terms` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `kb_chunks` ADD `body_terms` text DEFAULT '' NOT NULL;