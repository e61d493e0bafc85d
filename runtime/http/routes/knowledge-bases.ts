import { Hono } from 'hono'
import { z } from 'zod'
import { DocumentInvalidError } from '../../../shared/index.ts'
import {
  createKnowledgeBaseSchema,
  type DocumentFormat,
  type Knowledge,
  searchModes,
  updateKnowledgeBaseSchema,
  uploadDocument,
} from '../../knowledge/index.ts'
import type { AuthVariables } from '../auth.ts'
import { parseOrThrow, readJsonBody } from '../read-body.ts'
import { readUpload } from './read-upload.ts'

export { createKnowledgeBaseSchema, updateKnowledgeBaseSchema }

export const textDocumentBodySchema = z.object({
  /** File name; its extension (.txt, .md, .html, .csv) says how to read the text. */
  name: z.string().trim().min(1).max(255),
  text: z.string(),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
})

export const searchBodySchema = z.object({
  query: z.string().trim().min(1).max(2000),
  topK: z.number().int().min(1).max(50).default(5),
  mode: z.enum(searchModes).optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  minScore: z.number().optional(),
})

/** `?offset=&limit=` of the chunk list: a page at a time, a document can have thousands. */
export const chunkPageSchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

const textFormats: Record<string, DocumentFormat> = {
  txt: 'txt',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  csv: 'csv',
}

/** Text sent as JSON: the extension picks the reader; a name without one is plain text. */
function textFormatOf(name: string): DocumentFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase()
  if (extension === undefined) return 'txt'
  const format = textFormats[extension]
  if (format === undefined) {
    throw new DocumentInvalidError(
      name,
      `.${extension} files are uploaded as multipart/form-data with the file in the "file" field; JSON takes text (.txt, .md, .html, .csv)`,
      'send_as_file',
    )
  }
  return format
}

function tagsOf(field: string | undefined): string[] {
  return (field ?? '')
    .split(/[,，]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
}

export interface KnowledgeBaseRoutesOptions {
  knowledge: Knowledge
  maxUploadBytes: number
}

/** Knowledge bases, their documents and search (`/api/knowledge-bases`). */
export function knowledgeBaseRoutes(options: KnowledgeBaseRoutesOptions) {
  const { knowledge } = options
  const { store } = knowledge
  const jsonLimit = 1024 * 1024
  const routes = new Hono<{ Variables: AuthVariables }>()

  routes.get('/', async (c) => c.json({ knowledgeBases: await store.listBases() }))

  routes.post('/', async (c) => {
    const body = await readJsonBody(c, createKnowledgeBaseSchema, jsonLimit)
    return c.json(await store.createBase(body), 201)
  })

  routes.get('/:id', async (c) => c.json(await store.getBase(c.req.param('id'))))

  routes.put('/:id', async (c) => {
    const body = await readJsonBody(c, updateKnowledgeBaseSchema, jsonLimit)
    return c.json(await store.updateBase(c.req.param('id'), body))
  })

  routes.delete('/:id', async (c) => {
    await store.deleteBase(c.req.param('id'))
    return c.body(null, 204)
  })

  routes.get('/:id/documents', async (c) =>
    c.json({ documents: await store.listDocuments(c.req.param('id')) }),
  )

  routes.post('/:id/documents', async (c) => {
    const knowledgeBaseId = c.req.param('id')
    // Refuse an unknown knowledge base before reading a large body.
    await store.getBase(knowledgeBaseId)
    const isJson = (c.req.header('content-type') ?? '').includes('application/json')
    if (isJson) {
      const body = await readJsonBody(c, textDocumentBodySchema, options.maxUploadBytes)
      const document = await uploadDocument(knowledge, {
        knowledgeBaseId,
        fileName: body.name,
        bytes: new TextEncoder().encode(body.text),
        tags: body.tags,
        format: textFormatOf(body.name),
      })
      return c.json(document, 202)
    }
    const upload = await readUpload(c, options.maxUploadBytes)
    const document = await uploadDocument(knowledge, {
      knowledgeBaseId,
      fileName: upload.fileName,
      bytes: upload.bytes,
      tags: tagsOf(upload.fields.get('tags')),
    })
    return c.json(document, 202)
  })

  routes.get('/:id/documents/:documentId', async (c) =>
    c.json(await store.getDocument(c.req.param('id'), c.req.param('documentId'))),
  )

  routes.get('/:id/documents/:documentId/chunks', async (c) => {
    const page = parseOrThrow(chunkPageSchema, c.req.query())
    return c.json(await store.listChunks(c.req.param('id'), c.req.param('documentId'), page))
  })

  routes.delete('/:id/documents/:documentId', async (c) => {
    await store.deleteDocument(c.req.param('id'), c.req.param('documentId'))
    return c.body(null, 204)
  })

  routes.post('/:id/search', async (c) => {
    const knowledgeBaseId = c.req.param('id')
    const body = await readJsonBody(c, searchBodySchema, jsonLimit)
    await store.getBase(knowledgeBaseId)
    const mode = body.mode ?? (knowledge.hasEmbedder ? 'hybrid' : 'bm25')
    const hits = await knowledge.service.search({
      ...body,
      mode,
      knowledgeBaseIds: [knowledgeBaseId],
    })
    return c.json({
      mode,
      hits: hits.map((hit) => ({
        score: hit.score,
        documentId: hit.documentId,
        documentName: hit.source ?? '',
        chunkId: hit.chunkId,
        title: hit.title ?? '',
        text: hit.text,
      })),
    })
  })

  return routes
}
