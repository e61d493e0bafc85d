-- Corpus figures BM25 needs (chunk count, total indexed bytes per field), kept exact by
-- triggers so that search reads one row instead of scanning kb_chunks.
CREATE TABLE `kb_corpus_stats` (
	`id` integer PRIMARY KEY CHECK (`id` = 1),
	`chunk_count` integer NOT NULL,
	`title_bytes` integer NOT NULL,
	`body_bytes` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `kb_corpus_stats` (`id`, `chunk_count`, `title_bytes`, `body_bytes`)
SELECT 1, count(*), coalesce(sum(octet_length(`title_terms`)), 0), coalesce(sum(octet_length(`body_terms`)), 0)
FROM `kb_chunks`;
--> statement-breakpoint
CREATE TRIGGER `kb_chunks_stats_insert` AFTER INSERT ON `kb_chunks` BEGIN
	UPDATE `kb_corpus_stats` SET `chunk_count` = `chunk_count` + 1,
		`title_bytes` = `title_bytes` + octet_length(new.`title_terms`),
		`body_bytes` = `body_bytes` + octet_length(new.`body_terms`) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `kb_chunks_stats_delete` AFTER DELETE ON `kb_chunks` BEGIN
	UPDATE `kb_corpus_stats` SET `chunk_count` = `chunk_count` - 1,
		`title_bytes` = `title_bytes` - octet_length(old.`title_terms`),
		`body_bytes` = `body_bytes` - octet_length(old.`body_terms`) WHERE `id` = 1;
END;
