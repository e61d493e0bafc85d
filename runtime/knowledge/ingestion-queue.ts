import type { Logger } from '../logger.ts'
import { type ChunkDraft, chunkText } from './chunk-text.ts'
import type { DocumentContent } from './document-content.ts'
import type { Embedder } from './embedder.ts'
import type { KnowledgeStore, PendingDocument } from './knowledge-store.ts'
import type { IndexedChunk } from './knowledge-types.ts'
import { tokenize } from './tokenize.ts'

export interface IngestionQueueOptions {
  store: KnowledgeStore
  embedder?: Embedder
  log?: Logger
  /** Chunks tokenized between two yields to the event loop. */
  sliceSize?: number
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export function chunksOf(
  content: DocumentContent,
  options: { chunkSize: number; chunkOverlap: number },
): ChunkDraft[] {
  if (content.kind === 'faq') {
    // A pair stays whole, however long: half an answer is a wrong answer.
    return content.pairs.map((pair) => ({ title: pair.question, text: pair.answer }))
  }
  return chunkText(content.text, { ...options, isMarkdown: content.isMarkdown })
}

/**
 * Indexes uploaded documents in the background, one at a time, in slices that yield to the
 * event loop so conversations keep being served. Progress (0–1) is written to the document
 * row; the chunks are written in one transaction at the end, so a failure leaves nothing
 * half-indexed (a replaced document keeps its previous chunks).
 */
export class IngestionQueue {
  readonly #options: IngestionQueueOptions
  readonly #jobs: PendingDocument[] = []
  #running: Promise<void> | undefined

  constructor(options: IngestionQueueOptions) {
    this.#options = options
  }

  enqueue(pending: PendingDocument): void {
    this.#jobs.push(pending)
    this.#start()
  }

  #start(): void {
    if (this.#running) return
    this.#running = this.#drain().finally(() => {
      this.#running = undefined
      // A job queued between the last shift and here would otherwise wait for the next upload.
      if (this.#jobs.length > 0) this.#start()
    })
  }

  /** Picks up documents whose ingestion a stopped server left unfinished. */
  async resume(): Promise<number> {
    const pending = await this.#options.store.pendingDocuments()
    for (const document of pending) this.enqueue(document)
    return pending.length
  }

  /** Resolves when every queued document is processed (tests, the eval, shutdown). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running
  }

  async #drain(): Promise<void> {
    for (let job = this.#jobs.shift(); job; job = this.#jobs.shift()) {
      await this.#process(job)
    }
  }

  async #process(pending: PendingDocument): Promise<void> {
    const { store, embedder, log } = this.#options
    try {
      const base = await store.getBase(pending.knowledgeBaseId)
      await store.setProgress(pending.documentId, pending.revision, 0)
      const drafts = chunksOf(pending.content, base)
      const tokenShare = embedder ? 0.3 : 0.95
      const chunks = await this.#tokenize(pending, drafts, tokenShare)
      if (embedder) await this.#embed(pending, chunks, embedder, tokenShare)
      const isWritten = await store.replaceChunks(pending, chunks, embedder?.model)
      if (!isWritten)
        log?.info('document changed during ingestion; result dropped', { name: pending.name })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      log?.error('document ingestion failed', { name: pending.name, reason })
      await store
        .failDocument(
          pending.documentId,
          pending.revision,
          `Indexing "${pending.name}" failed: ${reason}`,
        )
        .catch(() => undefined)
    }
  }

  async #tokenize(
    pending: PendingDocument,
    drafts: ChunkDraft[],
    share: number,
  ): Promise<IndexedChunk[]> {
    const sliceSize = this.#options.sliceSize ?? 500
    const chunks: IndexedChunk[] = []
    for (let start = 0; start < drafts.length; start += sliceSize) {
      for (const draft of drafts.slice(start, start + sliceSize)) {
        chunks.push({
          ...draft,
          titleTerms: tokenize(draft.title),
          bodyTerms: tokenize(draft.text),
        })
      }
      await this.#options.store.setProgress(
        pending.documentId,
        pending.revision,
        (share * chunks.length) / drafts.length,
      )
      await yieldToEventLoop()
    }
    return chunks
  }

  async #embed(
    pending: PendingDocument,
    chunks: IndexedChunk[],
    embedder: Embedder,
    start: number,
  ): Promise<void> {
    const batch = 64
    for (let index = 0; index < chunks.length; index += batch) {
      const slice = chunks.slice(index, index + batch)
      const vectors = await embedder.embed(
        slice.map((chunk) => (chunk.title ? `${chunk.title}\n${chunk.text}` : chunk.text)),
      )
      slice.forEach((chunk, offset) => {
        chunk.embedding = vectors[offset]
      })
      const done = Math.min(chunks.length, index + batch) / chunks.length
      await this.#options.store.setProgress(
        pending.documentId,
        pending.revision,
        start + (0.95 - start) * done,
      )
    }
  }
}
