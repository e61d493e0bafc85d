-- Document frequency of each indexed term, read by search to weigh query terms (BM25 IDF).
CREATE VIRTUAL TABLE `kb_chunks_fts_vocab` USING fts5vocab(`kb_chunks_fts`, 'row');
