import { expect } from 'vitest'
import type { KnowledgeBase, KnowledgeDocument } from '../../runtime/knowledge/index.ts'
import { type TestApp, testToken } from '../support/test-app.ts'

export interface SearchHitBody {
  score: number
  documentId: string
  documentName: string
  chunkId: string
  title: string
  text: string
}

export async function createBase(t: TestApp, body: Record<string, unknown> = {}) {
  const response = await t.request('POST', '/api/knowledge-bases', { name: '售后知识', ...body })
  expect(response.status, await response.clone().text()).toBe(201)
  return (await response.json()) as KnowledgeBase
}

/** Uploads a file as multipart/form-data, the way the editor and curl -F do. */
export function uploadFile(
  t: TestApp,
  knowledgeBaseId: string,
  fileName: string,
  bytes: Uint8Array | string,
  fields: Record<string, string> = {},
) {
  const form = new FormData()
  const content = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes
  form.append('file', new Blob([new Uint8Array(content)]), fileName)
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return t.app.request(`/api/knowledge-bases/${knowledgeBaseId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${testToken}` },
    body: form,
  })
}

/** Uploads and waits for the background ingestion; returns the document as it ended. */
export async function uploadAndWait(
  t: TestApp,
  knowledgeBaseId: string,
  fileName: string,
  bytes: Uint8Array | string,
  fields: Record<string, string> = {},
): Promise<KnowledgeDocument> {
  const response = await uploadFile(t, knowledgeBaseId, fileName, bytes, fields)
  expect(response.status, await response.clone().text()).toBe(202)
  const document = (await response.json()) as KnowledgeDocument
  await t.knowledge.ingestion.idle()
  const read = await t.request(
    'GET',
    `/api/knowledge-bases/${knowledgeBaseId}/documents/${document.id}`,
  )
  return (await read.json()) as KnowledgeDocument
}

export async function search(
  t: TestApp,
  knowledgeBaseId: string,
  body: Record<string, unknown>,
): Promise<SearchHitBody[]> {
  const response = await t.request('POST', `/api/knowledge-bases/${knowledgeBaseId}/search`, {
    topK: 5,
    ...body,
  })
  expect(response.status, await response.clone().text()).toBe(200)
  return ((await response.json()) as { hits: SearchHitBody[] }).hits
}

export function chunkRows(t: TestApp): number {
  const row = t.database.sqlite.prepare('SELECT count(*) AS n FROM kb_chunks').get() as {
    n: number
  }
  return row.n
}
