ALTER TABLE `handoff_notes` ADD `code` text;--> statement-breakpoint
ALTER TABLE `handoff_notes` ADD `params` text;