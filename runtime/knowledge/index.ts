import type { KnowledgeService } from '../../shared/index.ts'
import type { Logger } from '../logger.ts'
import type { Database } from '../storage/index.ts'
import type { Embedder } from './embedder.ts'
import { IngestionQueue } from './ingestion-queue.ts'
import { createKnowledgeService } from './knowledge-service.ts'
import { KnowledgeStore } from './knowledge-store.ts'
import { createWordNetExpander, type QueryExpander } from './query-expansion.ts'
import { sharedWordNet, type WordNet, wordNetProblem } from './wordnet.ts'

export { chunkText, splitSentences } from './chunk-text.ts'
export { type DocumentContent, type DocumentFormat, documentFormats } from './document-content.ts'
export { cosine, createOpenAiEmbedder, type Embedder, embedderFromProviders } from './embedder.ts'
export { IngestionQueue } from './ingestion-queue.ts'
export { createKnowledgeService } from './knowledge-service.ts'
export { KnowledgeStore } from './knowledge-store.ts'
export * from './knowledge-types.ts'
export { parseDocument } from './parse-document.ts'
export { createWordNetExpander, type QueryExpander } from './query-expansion.ts'
export { tokenize } from './tokenize.ts'
export { uploadDocument } from './upload-document.ts'
export { sharedWordNet, WordNet, wordNetProblem } from './wordnet.ts'

/** Everything knowledge bases need at run time, built once per server. */
export interface Knowledge {
  store: KnowledgeStore
  ingestion: IngestionQueue
  service: KnowledgeService
  /** Whether dense and hybrid search are available. */
  hasEmbedder: boolean
}

export function createKnowledge(options: {
  database: Database
  embedder?: Embedder
  log?: Logger
  /** English synonyms from WordNet unless given (`null`: no expansion). */
  expandQuery?: QueryExpander | null
}): Knowledge {
  const store = new KnowledgeStore(options.database)
  const ingestion = new IngestionQueue({ store, embedder: options.embedder, log: options.log })
  const service = createKnowledgeService({
    store,
    embedder: options.embedder,
    expandQuery:
      options.expandQuery === null
        ? undefined
        : (options.expandQuery ?? createWordNetExpander(wordNetReporting(options.log))),
  })
  return { store, ingestion, service, hasEmbedder: options.embedder !== undefined }
}

/** The shared WordNet, saying once in the log why English expansion is off if it cannot open. */
function wordNetReporting(log: Logger | undefined): () => WordNet | undefined {
  let isReported = false
  return () => {
    const wordNet = sharedWordNet()
    const problem = wordNetProblem()
    if (problem !== undefined && !isReported) {
      isReported = true
      log?.error('English query expansion is off: WordNet could not be opened', problem)
    }
    return wordNet
  }
}
