import { apiRequest, readError } from '../api-client.ts'
import { sessionHeaders } from '../app/session-store.ts'
import type {
  ChunkView,
  KnowledgeBaseSummary,
  KnowledgeDocumentView,
  SearchHitView,
} from './knowledge-model.ts'

const base = '/api/knowledge-bases'
const path = (id: string) => `${base}/${encodeURIComponent(id)}`

export async function listKnowledgeBases(): Promise<KnowledgeBaseSummary[]> {
  const body = (await apiRequest('GET', base)) as { knowledgeBases: KnowledgeBaseSummary[] }
  return body.knowledgeBases
}

export async function createKnowledgeBase(input: {
  name: string
  description: string
}): Promise<KnowledgeBaseSummary> {
  return (await apiRequest('POST', base, input)) as KnowledgeBaseSummary
}

export async function getKnowledgeBase(id: string): Promise<KnowledgeBaseSummary> {
  return (await apiRequest('GET', path(id))) as KnowledgeBaseSummary
}

export async function listDocuments(id: string): Promise<KnowledgeDocumentView[]> {
  const body = (await apiRequest('GET', `${path(id)}/documents`)) as {
    documents: KnowledgeDocumentView[]
  }
  return body.documents
}

export async function deleteDocument(id: string, documentId: string): Promise<void> {
  await apiRequest('DELETE', `${path(id)}/documents/${encodeURIComponent(documentId)}`)
}

export async function searchKnowledgeBase(
  id: string,
  query: string,
  topK: number,
): Promise<SearchHitView[]> {
  const body = (await apiRequest('POST', `${path(id)}/search`, { query, topK })) as {
    hits: SearchHitView[]
  }
  return body.hits
}

/** Multipart upload (the `file` field): any format the server reads, PDF and Office included. */
export async function uploadDocument(id: string, file: File): Promise<KnowledgeDocumentView> {
  const form = new FormData()
  form.append('file', file, file.name)
  const response = await fetch(`${path(id)}/documents`, {
    method: 'POST',
    headers: sessionHeaders('POST'),
    body: form,
  })
  const parsed: unknown = await response.json().catch(() => undefined)
  if (!response.ok) throw readError(response.status, parsed, response.statusText)
  return parsed as KnowledgeDocumentView
}

export async function updateKnowledgeBase(
  id: string,
  changes: { name: string; description: string },
): Promise<KnowledgeBaseSummary> {
  return (await apiRequest('PUT', path(id), changes)) as KnowledgeBaseSummary
}

export async function deleteKnowledgeBase(id: string): Promise<void> {
  await apiRequest('DELETE', path(id))
}

/** A page of a document's chunks, in reading order. */
export async function listChunks(
  id: string,
  documentId: string,
  page: { offset: number; limit: number },
): Promise<{ chunks: ChunkView[]; total: number }> {
  const query = `offset=${page.offset}&limit=${page.limit}`
  return (await apiRequest(
    'GET',
    `${path(id)}/documents/${encodeURIComponent(documentId)}/chunks?${query}`,
  )) as { chunks: ChunkView[]; total: number }
}
