-- Full-text index over kb_chunks, written by runtime/knowledge/knowledge-store.ts in the same
-- transaction as the chunks. Text is tokenized in JavaScript (Chinese words and character
-- bigrams, NFKC, lower case, light English stemming) and stored space-separated, because
-- unicode61 cannot segment Chinese. Contentless: the chunk text lives once, in kb_chunks.
-- Columns: title (FAQ question or heading path), body (answer or chunk text), scope (knowledge
-- base and tag tokens, matched as a filter and weighted 0 in bm25). rowid = kb_chunks.id.
CREATE VIRTUAL TABLE `kb_chunks_fts` USING fts5(
	title, body, scope, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
);
--> statement-breakpoint
-- Deleting chunks (also through the cascades from documents and knowledge bases) unindexes them.
CREATE TRIGGER `kb_chunks_fts_delete` AFTER DELETE ON `kb_chunks` BEGIN
	DELETE FROM `kb_chunks_fts` WHERE rowid = old.id;
END;
