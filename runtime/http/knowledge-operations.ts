import {
  createKnowledgeBaseSchema,
  searchBodySchema,
  textDocumentBodySchema,
  updateKnowledgeBaseSchema,
} from './routes/knowledge-bases.ts'

/** Knowledge-base operations (issue #5), listed in openapi.ts `apiOperations`. */
export function knowledgeBaseOperations() {
  const tag = 'knowledge' as const
  return [
    {
      method: 'get' as const,
      path: '/api/knowledge-bases',
      summary: 'List knowledge bases with their document and chunk counts',
      tag,
      success: { status: 200, description: '{ knowledgeBases }' },
      errors: [401],
    },
    {
      method: 'post' as const,
      path: '/api/knowledge-bases',
      summary: 'Create a knowledge base (name, description, chunkSize, chunkOverlap)',
      tag,
      body: createKnowledgeBaseSchema,
      success: { status: 201, description: 'The knowledge base' },
      errors: [400, 401, 413, 422],
    },
    {
      method: 'get' as const,
      path: '/api/knowledge-bases/{id}',
      summary: 'Read a knowledge base',
      tag,
      success: { status: 200, description: 'The knowledge base' },
      errors: [401, 404],
    },
    {
      method: 'put' as const,
      path: '/api/knowledge-bases/{id}',
      summary: 'Rename or change a knowledge base; chunking applies to later uploads',
      tag,
      body: updateKnowledgeBaseSchema,
      success: { status: 200, description: 'The knowledge base' },
      errors: [400, 401, 404, 413, 422],
    },
    {
      method: 'delete' as const,
      path: '/api/knowledge-bases/{id}',
      summary: 'Delete a knowledge base with all its documents and chunks',
      tag,
      success: { status: 204, description: 'Deleted' },
      errors: [401, 404],
    },
    {
      method: 'get' as const,
      path: '/api/knowledge-bases/{id}/documents',
      summary: 'List documents with their status (queued, processing, ready, failed) and progress',
      tag,
      success: { status: 200, description: '{ documents }' },
      errors: [401, 404],
    },
    {
      method: 'post' as const,
      path: '/api/knowledge-bases/{id}/documents',
      summary:
        'Upload a document: multipart/form-data with the file in `file` (.txt .md .html .pdf .docx, FAQ sheets .csv .xlsx; optional `tags`, comma-separated), or JSON { name, text, tags }. The same name replaces the document. Indexed in the background: poll the document for status and progress',
      tag,
      body: textDocumentBodySchema,
      success: { status: 202, description: 'The document, status queued' },
      errors: [400, 401, 404, 413, 422],
    },
    {
      method: 'get' as const,
      path: '/api/knowledge-bases/{id}/documents/{documentId}',
      summary: 'Read a document: status, progress 0–1, error naming the file, chunk count',
      tag,
      success: { status: 200, description: 'The document' },
      errors: [401, 404],
    },
    {
      method: 'get' as const,
      path: '/api/knowledge-bases/{id}/documents/{documentId}/chunks',
      summary:
        "List a document's chunks in reading order: query offset (default 0), limit (1–200, default 50) → { chunks: [{ id, seq, title, text }], total }",
      tag,
      success: { status: 200, description: '{ chunks, total }' },
      errors: [401, 404, 422],
    },
    {
      method: 'delete' as const,
      path: '/api/knowledge-bases/{id}/documents/{documentId}',
      summary: 'Delete a document and its chunks',
      tag,
      success: { status: 204, description: 'Deleted' },
      errors: [401, 404],
    },
    {
      method: 'post' as const,
      path: '/api/knowledge-bases/{id}/search',
      summary:
        'Search: { query, topK, mode?: bm25|dense|hybrid, tags?, minScore? } → { mode, hits: [{ score, documentId, documentName, chunkId, title, text }] }',
      tag,
      body: searchBodySchema,
      success: { status: 200, description: '{ mode, hits }' },
      errors: [400, 401, 404, 413, 422],
    },
  ]
}
