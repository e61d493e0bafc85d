import type BetterSqlite3 from 'better-sqlite3'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Database } from '../storage/index.ts'
import { kbChunks, kbDocuments } from '../storage/schema.ts'

/** One chunk as search returns it, before scoring is turned into a hit. */
export interface StoredChunk {
  chunkId: number
  knowledgeBaseId: string
  documentId: string
  documentName: string
  title: string
  text: string
  score: number
  /** Indexed terms, space-separated (set by full-text search only). */
  titleTerms?: string
  bodyTerms?: string
}

/** Corpus figures BM25 needs: chunk count and mean indexed length of each field (bytes). */
export interface CorpusStats {
  chunkCount: number
  meanTitleBytes: number
  meanBodyBytes: number
}

/**
 * What search reads: FTS5 candidates, document frequencies, corpus figures and vectors. Written
 * by KnowledgeStore in the same transactions as the chunks.
 */
export class ChunkSearchStore {
  readonly #searchFts: BetterSqlite3.Statement
  readonly #searchFtsBounded: BetterSqlite3.Statement
  readonly #chunkRows: BetterSqlite3.Statement
  readonly #termCounts: BetterSqlite3.Statement
  readonly #corpusStatsRow: BetterSqlite3.Statement

  constructor(private readonly database: Database) {
    this.#searchFts = database.sqlite.prepare(
      `SELECT rowid AS chunkId, -bm25(kb_chunks_fts, ?, ?, 0) AS score FROM kb_chunks_fts
       WHERE kb_chunks_fts MATCH ? ORDER BY bm25(kb_chunks_fts, ?, ?, 0) LIMIT ?`,
    )
    // The inner LIMIT stops FTS5 after that many matches (newest chunks first, by rowid), so
    // bm25() runs at most that often; SQLite cannot flatten a LIMITed subquery into the ORDER BY.
    this.#searchFtsBounded = database.sqlite.prepare(
      `SELECT chunkId, score FROM (
         SELECT rowid AS chunkId, -bm25(kb_chunks_fts, ?, ?, 0) AS score FROM kb_chunks_fts
         WHERE kb_chunks_fts MATCH ? ORDER BY rowid DESC LIMIT ?)
       ORDER BY score DESC LIMIT ?`,
    )
    this.#chunkRows = database.sqlite.prepare(
      `SELECT c.id AS chunkId, c.knowledge_base_id AS knowledgeBaseId, c.document_id AS documentId,
              d.name AS documentName, c.title AS title, c.text AS text,
              c.title_terms AS titleTerms, c.body_terms AS bodyTerms
       FROM kb_chunks c JOIN kb_documents d ON d.id = c.document_id
       WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    this.#corpusStatsRow = database.sqlite.prepare(
      `SELECT chunk_count AS chunkCount, title_bytes AS titleBytes, body_bytes AS bodyBytes
       FROM kb_corpus_stats WHERE id = 1`,
    )
    this.#termCounts = database.sqlite.prepare(
      `SELECT term, chunk_count AS count FROM kb_term_counts
       WHERE term IN (SELECT value FROM json_each(?))`,
    )
  }

  /** How many chunks (of every knowledge base) contain each term (kb_term_counts). */
  async documentFrequencies(terms: readonly string[]): Promise<Map<string, number>> {
    const rows = this.#termCounts.all(JSON.stringify(terms)) as { term: string; count: number }[]
    return new Map(rows.filter((row) => row.count > 0).map((row) => [row.term, row.count]))
  }

  /** Read from kb_corpus_stats, which triggers keep exact (migration 0009). */
  async corpusStats(): Promise<CorpusStats> {
    const row = this.#corpusStatsRow.get() as
      | { chunkCount: number; titleBytes: number; bodyBytes: number }
      | undefined
    const chunkCount = row?.chunkCount ?? 0
    return {
      chunkCount,
      meanTitleBytes: chunkCount === 0 ? 0 : (row?.titleBytes ?? 0) / chunkCount,
      meanBodyBytes: chunkCount === 0 ? 0 : (row?.bodyBytes ?? 0) / chunkCount,
    }
  }

  /**
   * The best chunks by FTS5's bm25() for a match expression (see scope-terms.ts), with their
   * indexed terms. Ranked in the index first, then only those rows are read. With `scanLimit`,
   * only the newest that many matches are ranked (early termination for queries whose every
   * term is common: see candidateTerms).
   */
  async searchFullText(options: {
    match: string
    limit: number
    titleWeight: number
    bodyWeight: number
    scanLimit?: number
  }): Promise<StoredChunk[]> {
    const { titleWeight, bodyWeight, scanLimit } = options
    const ranked = (
      scanLimit === undefined
        ? this.#searchFts.all(
            titleWeight,
            bodyWeight,
            options.match,
            titleWeight,
            bodyWeight,
            options.limit,
          )
        : this.#searchFtsBounded.all(
            titleWeight,
            bodyWeight,
            options.match,
            scanLimit,
            options.limit,
          )
    ) as { chunkId: number; score: number }[]
    if (ranked.length === 0) return []
    const rows = this.#chunkRows.all(JSON.stringify(ranked.map((r) => r.chunkId))) as Omit<
      StoredChunk,
      'score'
    >[]
    const byId = new Map(rows.map((row) => [row.chunkId, row]))
    return ranked.flatMap((r) => {
      const row = byId.get(r.chunkId)
      return row ? [{ ...row, score: r.score }] : []
    })
  }

  /** Every embedded chunk of the knowledge bases, for dense search. */
  async embeddedChunks(
    knowledgeBaseIds: readonly string[],
  ): Promise<{ chunkId: number; documentId: string; embedding: Buffer }[]> {
    return this.database.db
      .select({
        chunkId: kbChunks.id,
        documentId: kbChunks.documentId,
        embedding: kbChunks.embedding,
      })
      .from(kbChunks)
      .where(
        and(
          inArray(kbChunks.knowledgeBaseId, [...knowledgeBaseIds]),
          sql`${kbChunks.embedding} IS NOT NULL`,
        ),
      )
      .all()
      .flatMap((row) => (row.embedding ? [{ ...row, embedding: row.embedding }] : []))
  }

  async chunksById(chunkIds: readonly number[]): Promise<StoredChunk[]> {
    if (chunkIds.length === 0) return []
    const rows = this.database.db
      .select({
        chunkId: kbChunks.id,
        knowledgeBaseId: kbChunks.knowledgeBaseId,
        documentId: kbChunks.documentId,
        documentName: kbDocuments.name,
        title: kbChunks.title,
        text: kbChunks.text,
      })
      .from(kbChunks)
      .innerJoin(kbDocuments, eq(kbDocuments.id, kbChunks.documentId))
      .where(inArray(kbChunks.id, [...chunkIds]))
      .all()
    return rows.map((row) => ({ ...row, score: 0 }))
  }

  /** Tags of every document of the knowledge bases, for filtering dense results. */
  async documentTags(knowledgeBaseIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = this.database.db
      .select({ id: kbDocuments.id, tags: kbDocuments.tags })
      .from(kbDocuments)
      .where(inArray(kbDocuments.knowledgeBaseId, [...knowledgeBaseIds]))
      .all()
    return new Map(rows.map((row) => [row.id, row.tags]))
  }
}
