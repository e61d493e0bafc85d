/** What the editor shows of the knowledge API (runtime/knowledge/knowledge-types.ts). */
export interface KnowledgeBaseSummary {
  id: string
  name: string
  description: string
  documentCount: number
  chunkCount: number
  updatedAt: string
}

export type DocumentStatus = 'queued' | 'processing' | 'ready' | 'failed'

export interface KnowledgeDocumentView {
  id: string
  name: string
  status: DocumentStatus
  progress: number
  error: string | null
  byteSize: number
  chunkCount: number
  updatedAt: string
}

/** One chunk of a document, as search sees it. */
export interface ChunkView {
  id: string
  seq: number
  title: string
  text: string
}

export interface SearchHitView {
  score: number
  documentId: string
  documentName: string
  chunkId: string
  title: string
  text: string
}

/** Documents still being indexed: the page keeps polling while there is one. */
export function isIngesting(documents: readonly KnowledgeDocumentView[]): boolean {
  return documents.some((d) => d.status === 'queued' || d.status === 'processing')
}

/** Progress as a whole percentage for the bar: 0–100, ready is 100, anything odd is 0. */
export function progressPercent(document: Pick<KnowledgeDocumentView, 'status' | 'progress'>) {
  if (document.status === 'ready') return 100
  if (!Number.isFinite(document.progress)) return 0
  return Math.round(Math.min(1, Math.max(0, document.progress)) * 100)
}

/** `512 B`, `3.4 KB`, `12 MB`: sizes as operators read them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`
}

/** What the server indexes (docs/knowledge.md); the file picker offers the same. */
export const acceptedExtensions = [
  '.txt',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.csv',
  '.pdf',
  '.docx',
  '.xlsx',
] as const
export const maxUploadBytes = 50 * 1024 * 1024

/**
 * Why a picked file cannot be uploaded, checked before sending it: the picker's filter can be
 * switched to "all files", and a 50 MB upload should not be refused only at its end.
 */
export function uploadProblem(file: {
  name: string
  size: number
}): { kind: 'type'; extension: string } | { kind: 'size' } | undefined {
  const extension = /\.[^.]+$/.exec(file.name.toLowerCase())?.[0] ?? ''
  if (!acceptedExtensions.some((accepted) => accepted === extension)) {
    return { kind: 'type', extension }
  }
  return file.size > maxUploadBytes ? { kind: 'size' } : undefined
}
