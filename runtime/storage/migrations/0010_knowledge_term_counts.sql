-- In how many chunks each indexed term occurs (BM25 document frequency), kept by
-- runtime/knowledge/knowledge-store.ts in the transactions that write and delete chunks:
-- fts5vocab counts by walking a term's whole posting list, too slow per query at 100,000 chunks.
CREATE TABLE `kb_term_counts` (
	`term` text PRIMARY KEY NOT NULL,
	`chunk_count` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `kb_term_counts` (`term`, `chunk_count`) SELECT `term`, `doc` FROM `kb_chunks_fts_vocab`;
