import { sql } from 'drizzle-orm'
import { blob, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

// The FTS5 index over kb_chunks (kb_chunks_fts) is a virtual table drizzle cannot describe: it
// is created by the hand-written migration 0002_knowledge_fts.sql and written only by
// runtime/knowledge/knowledge-store.ts, in the same transaction as the chunks it indexes.

export const knowledgeBases = sqliteTable('knowledge_bases', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** Largest chunk in characters (a Chinese character is about one model token). */
  chunkSize: integer('chunk_size').notNull(),
  /** Characters of the previous chunk repeated at the start of the next, in one section. */
  chunkOverlap: integer('chunk_overlap').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const kbDocuments = sqliteTable(
  'kb_documents',
  {
    id: text('id').primaryKey(),
    knowledgeBaseId: text('knowledge_base_id')
      .notNull()
      .references(() => knowledgeBases.id, { onDelete: 'cascade' }),
    /** The file name; uploading the same name again replaces the document. */
    name: text('name').notNull(),
    format: text('format').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    status: text('status', { enum: ['queued', 'processing', 'ready', 'failed'] }).notNull(),
    /** 0–1 while processing. */
    progress: real('progress').notNull().default(0),
    error: text('error'),
    /** The extracted text (or FAQ pairs) as JSON, so a restart can finish an interrupted job. */
    content: text('content', { mode: 'json' }).$type<unknown>().notNull(),
    byteSize: integer('byte_size').notNull(),
    chunkCount: integer('chunk_count').notNull().default(0),
    /** Bumped by every upload: a job whose revision is no longer current writes nothing. */
    revision: integer('revision').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('kb_documents_name_idx').on(t.knowledgeBaseId, t.name),
    index('kb_documents_status_idx').on(t.status),
  ],
)

export const kbChunks = sqliteTable(
  'kb_chunks',
  {
    /** Also the rowid of the chunk's row in kb_chunks_fts. */
    id: integer('id').primaryKey({ autoIncrement: true }),
    knowledgeBaseId: text('knowledge_base_id').notNull(),
    documentId: text('document_id')
      .notNull()
      .references(() => kbDocuments.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** The FAQ question, or the heading path of a document section. */
    title: text('title').notNull().default(''),
    text: text('text').notNull(),
    /** The indexed terms, space-separated: search re-scores FTS5's candidates with them. */
    titleTerms: text('title_terms').notNull().default(''),
    bodyTerms: text('body_terms').notNull().default(''),
    /** Float32 little-endian vector from the embedding model, when one is configured. */
    embedding: blob('embedding', { mode: 'buffer' }),
    embeddingModel: text('embedding_model'),
  },
  (t) => [
    index('kb_chunks_document_idx').on(t.documentId, t.seq),
    index('kb_chunks_kb_idx').on(t.knowledgeBaseId).where(sql`embedding IS NOT NULL`),
  ],
)
