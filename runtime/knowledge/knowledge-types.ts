import { z } from 'zod'

export const searchModes = ['bm25', 'dense', 'hybrid'] as const
export type SearchMode = (typeof searchModes)[number]

export const chunkingSchema = z.object({
  chunkSize: z.number().int().min(100).max(8000).default(500),
  chunkOverlap: z.number().int().min(0).max(2000).default(50),
})

export const createKnowledgeBaseSchema = chunkingSchema
  .extend({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(''),
  })
  .refine((base) => base.chunkOverlap < base.chunkSize, {
    path: ['chunkOverlap'],
    message: 'must be smaller than chunkSize',
  })
export type CreateKnowledgeBase = z.infer<typeof createKnowledgeBaseSchema>

export const updateKnowledgeBaseSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
  chunkSize: z.number().int().min(100).max(8000).optional(),
  chunkOverlap: z.number().int().min(0).max(2000).optional(),
})
export type UpdateKnowledgeBase = z.infer<typeof updateKnowledgeBaseSchema>

export interface KnowledgeBase {
  id: string
  name: string
  description: string
  chunkSize: number
  chunkOverlap: number
  documentCount: number
  chunkCount: number
  createdAt: string
  updatedAt: string
}

export type DocumentStatus = 'queued' | 'processing' | 'ready' | 'failed'

/** One chunk of a document as the knowledge page shows it (GET …/documents/{id}/chunks). */
export interface DocumentChunk {
  /** The same id search hits carry as `chunkId`. */
  id: string
  /** Position in the document, from 0. */
  seq: number
  title: string
  text: string
}

export interface KnowledgeDocument {
  id: string
  knowledgeBaseId: string
  name: string
  format: string
  tags: string[]
  status: DocumentStatus
  /** 0–1; 1 when ready. */
  progress: number
  /** Why ingestion failed, naming the file. */
  error: string | null
  byteSize: number
  chunkCount: number
  createdAt: string
  updatedAt: string
}

/** A chunk ready to be written: its text, the terms to index and, maybe, its vector. */
export interface IndexedChunk {
  title: string
  text: string
  titleTerms: string[]
  bodyTerms: string[]
  embedding?: Float32Array
}
