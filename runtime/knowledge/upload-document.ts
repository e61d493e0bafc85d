import type { DocumentFormat } from './document-content.ts'
import type { IngestionQueue } from './ingestion-queue.ts'
import type { KnowledgeStore } from './knowledge-store.ts'
import type { KnowledgeDocument } from './knowledge-types.ts'
import { formatOf, parseDocument } from './parse-document.ts'

/**
 * Parses an uploaded file now (so that an unsupported, corrupt or empty file is refused with
 * its reason before anything is stored), records it as queued, and leaves chunking, indexing
 * and embedding to the background queue. Returns the document as stored (status `queued`).
 */
export async function uploadDocument(
  deps: { store: KnowledgeStore; ingestion: IngestionQueue },
  upload: {
    knowledgeBaseId: string
    fileName: string
    bytes: Uint8Array
    tags?: string[]
    /** Overrides the format the file name's extension says (text sent as JSON). */
    format?: DocumentFormat
  },
): Promise<KnowledgeDocument> {
  await deps.store.getBase(upload.knowledgeBaseId)
  const format = upload.format ?? formatOf(upload.fileName)
  const content = await parseDocument(upload.fileName, upload.bytes, format)
  const pending = await deps.store.saveUpload({
    knowledgeBaseId: upload.knowledgeBaseId,
    name: upload.fileName,
    format,
    tags: upload.tags ?? [],
    content,
    byteSize: upload.bytes.byteLength,
  })
  deps.ingestion.enqueue(pending)
  return deps.store.getDocument(upload.knowledgeBaseId, pending.documentId)
}
