import { randomBytes } from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { DocumentNotFoundError, KnowledgeBaseNotFoundError } from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import { kbChunks, kbDocuments, knowledgeBases } from '../storage/schema.ts'
import { ChunkSearchStore } from './chunk-search-store.ts'
import { type DocumentContent, documentContentSchema } from './document-content.ts'
import type {
  CreateKnowledgeBase,
  DocumentChunk,
  IndexedChunk,
  KnowledgeBase,
  KnowledgeDocument,
  UpdateKnowledgeBase,
} from './knowledge-types.ts'
import { knowledgeBaseTerm, normalizeTag, tagTerm } from './scope-terms.ts'

export interface PendingDocument {
  documentId: string
  knowledgeBaseId: string
  name: string
  revision: number
  content: DocumentContent
  tags: string[]
}

type DocumentRow = typeof kbDocuments.$inferSelect

// Everything but `content`: a 10 MB document's text is not read to answer a progress poll.
const documentColumns = {
  id: kbDocuments.id,
  knowledgeBaseId: kbDocuments.knowledgeBaseId,
  name: kbDocuments.name,
  format: kbDocuments.format,
  tags: kbDocuments.tags,
  status: kbDocuments.status,
  progress: kbDocuments.progress,
  error: kbDocuments.error,
  byteSize: kbDocuments.byteSize,
  chunkCount: kbDocuments.chunkCount,
  createdAt: kbDocuments.createdAt,
  updatedAt: kbDocuments.updatedAt,
}

function newId(prefix: string): string {
  return `${prefix}${randomBytes(8).toString('hex')}`
}

/**
 * Knowledge bases, their documents and chunks with the FTS5 index (DESIGN §5). Chunks and their
 * index rows are written in one transaction, so a search sees a document's old chunks or its new
 * ones, never half of either.
 */
export class KnowledgeStore {
  /** The read side: full-text, term counts, vectors. */
  readonly search: ChunkSearchStore
  readonly #insertFts: BetterSqlite3.Statement
  readonly #addTermCount: BetterSqlite3.Statement

  constructor(
    private readonly database: Database,
    private readonly now: () => number = Date.now,
  ) {
    this.search = new ChunkSearchStore(database)
    this.#insertFts = database.sqlite.prepare(
      'INSERT INTO kb_chunks_fts (rowid, title, body, scope) VALUES (?, ?, ?, ?)',
    )
    this.#addTermCount = database.sqlite.prepare(
      `INSERT INTO kb_term_counts (term, chunk_count) VALUES (?, ?)
       ON CONFLICT (term) DO UPDATE SET chunk_count = chunk_count + excluded.chunk_count`,
    )
  }

  /**
   * Adds (sign 1) or removes (sign -1) chunks' terms to the document frequencies. Called inside
   * the transactions that write or delete those chunks.
   */
  #countTerms(chunks: Iterable<{ titleTerms: string; bodyTerms: string }>, sign: 1 | -1): void {
    const counts = new Map<string, number>()
    for (const chunk of chunks) {
      const terms = new Set(`${chunk.titleTerms} ${chunk.bodyTerms}`.split(' '))
      terms.delete('')
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + sign)
    }
    for (const [term, delta] of counts) this.#addTermCount.run(term, delta)
  }

  /** The indexed terms of the chunks a delete is about to remove. */
  #termsOfChunks(where: { documentId: string } | { knowledgeBaseId: string }) {
    return this.database.db
      .select({ titleTerms: kbChunks.titleTerms, bodyTerms: kbChunks.bodyTerms })
      .from(kbChunks)
      .where(
        'documentId' in where
          ? eq(kbChunks.documentId, where.documentId)
          : eq(kbChunks.knowledgeBaseId, where.knowledgeBaseId),
      )
      .all()
  }

  // Async like the other stores: a PostgreSQL store for multi-instance deployments cannot
  // answer synchronously (DESIGN §13).

  async createBase(input: CreateKnowledgeBase): Promise<KnowledgeBase> {
    const at = this.isoNow()
    const id = newId('kb')
    this.database.db
      .insert(knowledgeBases)
      .values({ id, ...input, createdAt: at, updatedAt: at })
      .run()
    return this.getBase(id)
  }

  async listBases(): Promise<KnowledgeBase[]> {
    return this.baseRows().map(toKnowledgeBase)
  }

  async getBase(knowledgeBaseId: string): Promise<KnowledgeBase> {
    const row = this.baseRows(knowledgeBaseId)[0]
    if (!row) throw new KnowledgeBaseNotFoundError(knowledgeBaseId)
    return toKnowledgeBase(row)
  }

  private baseRows(knowledgeBaseId?: string) {
    const query = this.database.db
      .select({
        base: knowledgeBases,
        // Spelled out: drizzle would render the outer column unqualified, and inside the
        // subquery "id" would mean the inner table's.
        documentCount: sql<number>`(SELECT count(*) FROM kb_documents d WHERE d.knowledge_base_id = knowledge_bases.id)`,
        chunkCount: sql<number>`(SELECT count(*) FROM kb_chunks c WHERE c.knowledge_base_id = knowledge_bases.id)`,
      })
      .from(knowledgeBases)
    return (
      knowledgeBaseId === undefined
        ? query.orderBy(desc(knowledgeBases.updatedAt))
        : query.where(eq(knowledgeBases.id, knowledgeBaseId))
    ).all()
  }

  /** Changes name, description or chunking; new chunking applies to documents uploaded later. */
  async updateBase(knowledgeBaseId: string, changes: UpdateKnowledgeBase): Promise<KnowledgeBase> {
    await this.getBase(knowledgeBaseId)
    this.database.db
      .update(knowledgeBases)
      .set({ ...changes, updatedAt: this.isoNow() })
      .where(eq(knowledgeBases.id, knowledgeBaseId))
      .run()
    return this.getBase(knowledgeBaseId)
  }

  /** Deletes the knowledge base with its documents, chunks and index rows (cascade + trigger). */
  async deleteBase(knowledgeBaseId: string): Promise<void> {
    this.database.transaction(() => {
      this.#countTerms(this.#termsOfChunks({ knowledgeBaseId }), -1)
      const result = this.database.db
        .delete(knowledgeBases)
        .where(eq(knowledgeBases.id, knowledgeBaseId))
        .run()
      if (result.changes === 0) throw new KnowledgeBaseNotFoundError(knowledgeBaseId)
    })
  }

  /**
   * Records an upload as a queued document. A document of the same name is replaced: it keeps
   * its id, its old chunks stay searchable until the new ones are written, and its revision
   * moves on so that a job still running for the old upload writes nothing.
   */
  async saveUpload(input: {
    knowledgeBaseId: string
    name: string
    format: string
    tags: string[]
    content: DocumentContent
    byteSize: number
  }): Promise<PendingDocument> {
    return this.database.transaction(() => {
      const at = this.isoNow()
      const tags = [...new Set(input.tags.map(normalizeTag).filter((tag) => tag !== ''))]
      const existing = this.database.db
        .select()
        .from(kbDocuments)
        .where(
          and(
            eq(kbDocuments.knowledgeBaseId, input.knowledgeBaseId),
            eq(kbDocuments.name, input.name),
          ),
        )
        .get()
      const fields = {
        format: input.format,
        tags,
        status: 'queued' as const,
        progress: 0,
        error: null,
        content: input.content,
        byteSize: input.byteSize,
        updatedAt: at,
      }
      if (existing) {
        const revision = existing.revision + 1
        this.database.db
          .update(kbDocuments)
          .set({ ...fields, revision })
          .where(eq(kbDocuments.id, existing.id))
          .run()
        return { ...pendingOf(existing, input.content), revision, tags }
      }
      const documentId = newId('doc')
      this.database.db
        .insert(kbDocuments)
        .values({
          id: documentId,
          knowledgeBaseId: input.knowledgeBaseId,
          name: input.name,
          createdAt: at,
          ...fields,
        })
        .run()
      return {
        documentId,
        knowledgeBaseId: input.knowledgeBaseId,
        name: input.name,
        revision: 1,
        content: input.content,
        tags,
      }
    })
  }

  async listDocuments(knowledgeBaseId: string): Promise<KnowledgeDocument[]> {
    await this.getBase(knowledgeBaseId)
    return this.database.db
      .select(documentColumns)
      .from(kbDocuments)
      .where(eq(kbDocuments.knowledgeBaseId, knowledgeBaseId))
      .orderBy(kbDocuments.name)
      .all()
  }

  async getDocument(knowledgeBaseId: string, documentId: string): Promise<KnowledgeDocument> {
    return this.documentRow(knowledgeBaseId, documentId)
  }

  /** A page of a document's chunks in reading order, as search sees them (no vectors). */
  async listChunks(
    knowledgeBaseId: string,
    documentId: string,
    page: { offset: number; limit: number },
  ): Promise<{ chunks: DocumentChunk[]; total: number }> {
    const document = this.documentRow(knowledgeBaseId, documentId)
    const chunks = this.database.db
      .select({ id: kbChunks.id, seq: kbChunks.seq, title: kbChunks.title, text: kbChunks.text })
      .from(kbChunks)
      .where(eq(kbChunks.documentId, documentId))
      .orderBy(kbChunks.seq)
      .limit(page.limit)
      .offset(page.offset)
      .all()
    return {
      chunks: chunks.map((c) => ({ ...c, id: String(c.id) })),
      total: document.chunkCount,
    }
  }

  private documentRow(knowledgeBaseId: string, documentId: string): KnowledgeDocument {
    const row = this.database.db
      .select(documentColumns)
      .from(kbDocuments)
      .where(and(eq(kbDocuments.id, documentId), eq(kbDocuments.knowledgeBaseId, knowledgeBaseId)))
      .get()
    if (!row) {
      // Say which is missing: the base or the document.
      if (!this.hasBase(knowledgeBaseId)) throw new KnowledgeBaseNotFoundError(knowledgeBaseId)
      throw new DocumentNotFoundError(knowledgeBaseId, documentId)
    }
    return row
  }

  private hasBase(knowledgeBaseId: string): boolean {
    return (
      this.database.db
        .select({ id: knowledgeBases.id })
        .from(knowledgeBases)
        .where(eq(knowledgeBases.id, knowledgeBaseId))
        .get() !== undefined
    )
  }

  /** Deletes a document with its chunks and their index rows. */
  async deleteDocument(knowledgeBaseId: string, documentId: string): Promise<void> {
    this.documentRow(knowledgeBaseId, documentId)
    this.database.transaction(() => {
      this.#countTerms(this.#termsOfChunks({ documentId }), -1)
      this.database.db.delete(kbDocuments).where(eq(kbDocuments.id, documentId)).run()
    })
  }

  /** Progress of a running job; ignored when a newer upload replaced the document. */
  async setProgress(documentId: string, revision: number, progress: number): Promise<void> {
    this.database.db
      .update(kbDocuments)
      .set({ status: 'processing', progress, updatedAt: this.isoNow() })
      .where(and(eq(kbDocuments.id, documentId), eq(kbDocuments.revision, revision)))
      .run()
  }

  async failDocument(documentId: string, revision: number, reason: string): Promise<void> {
    this.database.db
      .update(kbDocuments)
      .set({ status: 'failed', error: reason, updatedAt: this.isoNow() })
      .where(and(eq(kbDocuments.id, documentId), eq(kbDocuments.revision, revision)))
      .run()
  }

  /**
   * Replaces the document's chunks and index rows in one transaction and marks it ready.
   * Returns false (writing nothing) when the document was deleted or uploaded again meanwhile.
   */
  async replaceChunks(
    pending: PendingDocument,
    chunks: readonly IndexedChunk[],
    embeddingModel: string | undefined,
  ): Promise<boolean> {
    const scope = [knowledgeBaseTerm(pending.knowledgeBaseId), ...pending.tags.map(tagTerm)].join(
      ' ',
    )
    return this.database.transaction(() => {
      const current = this.database.db
        .select({ revision: kbDocuments.revision })
        .from(kbDocuments)
        .where(eq(kbDocuments.id, pending.documentId))
        .get()
      if (current?.revision !== pending.revision) return false
      this.#countTerms(this.#termsOfChunks({ documentId: pending.documentId }), -1)
      this.database.db.delete(kbChunks).where(eq(kbChunks.documentId, pending.documentId)).run()
      this.#countTerms(
        chunks.map((chunk) => ({
          titleTerms: chunk.titleTerms.join(' '),
          bodyTerms: chunk.bodyTerms.join(' '),
        })),
        1,
      )
      chunks.forEach((chunk, seq) => {
        const embedding = chunk.embedding
          ? Buffer.from(
              chunk.embedding.buffer,
              chunk.embedding.byteOffset,
              chunk.embedding.byteLength,
            )
          : null
        const { id } = this.database.db
          .insert(kbChunks)
          .values({
            knowledgeBaseId: pending.knowledgeBaseId,
            documentId: pending.documentId,
            seq,
            title: chunk.title,
            text: chunk.text,
            titleTerms: chunk.titleTerms.join(' '),
            bodyTerms: chunk.bodyTerms.join(' '),
            embedding,
            embeddingModel: embedding ? (embeddingModel ?? null) : null,
          })
          .returning({ id: kbChunks.id })
          .get()
        this.#insertFts.run(id, chunk.titleTerms.join(' '), chunk.bodyTerms.join(' '), scope)
      })
      this.database.db
        .update(kbDocuments)
        .set({
          status: 'ready',
          progress: 1,
          error: null,
          chunkCount: chunks.length,
          updatedAt: this.isoNow(),
        })
        .where(eq(kbDocuments.id, pending.documentId))
        .run()
      return true
    })
  }

  /** Documents whose ingestion had not finished, e.g. when the server stopped. */
  async pendingDocuments(): Promise<PendingDocument[]> {
    return this.database.db
      .select()
      .from(kbDocuments)
      .where(inArray(kbDocuments.status, ['queued', 'processing']))
      .all()
      .map((row) => pendingOf(row, documentContentSchema.parse(row.content)))
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString()
  }
}

function pendingOf(row: DocumentRow, content: DocumentContent): PendingDocument {
  return {
    documentId: row.id,
    knowledgeBaseId: row.knowledgeBaseId,
    name: row.name,
    revision: row.revision,
    content,
    tags: row.tags,
  }
}

function toKnowledgeBase(row: {
  base: typeof knowledgeBases.$inferSelect
  documentCount: number
  chunkCount: number
}): KnowledgeBase {
  return { ...row.base, documentCount: row.documentCount, chunkCount: row.chunkCount }
}
