import { z } from 'zod'
import { defineNode, type JsonObject, type KnowledgeHit } from '../../shared/index.ts'
import { defaultQuery } from './default-query.ts'

const config = z.object({
  /** Empty: the customer's message, with the previous one when it is elliptical. */
  query: z.string().max(2000).default('').meta({ ui: 'template' }),
  knowledgeBaseIds: z.array(z.string().min(1)).max(20).default([]),
  topK: z.number().int().min(1).max(20).default(3),
  minScore: z.number().min(0).default(0),
  /** Only documents with at least one of these tags; none: every document. */
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  mode: z.enum(['auto', 'bm25', 'dense', 'hybrid']).default('auto'),
})

function hitOutput(hit: KnowledgeHit): JsonObject {
  return {
    text: hit.text,
    score: hit.score,
    source: hit.source ?? '',
    title: hit.title ?? '',
    documentId: hit.documentId,
    chunkId: hit.chunkId,
    knowledgeBaseId: hit.knowledgeBaseId,
  }
}

export default defineNode({
  type: 'retrieve',
  version: 1,
  category: 'knowledge',
  titles: { 'zh-CN': '知识检索', en: 'Retrieve knowledge' },
  descriptions: {
    'zh-CN': '在知识库中检索与问题相关的内容，供后续节点（如大模型）引用。',
    en: 'Searches knowledge bases for passages about the question, for later nodes (such as llm) to cite.',
  },
  config,
  outputs: () => ['found', 'notFound', 'error'],
  async run(ctx, cfg) {
    if (cfg.knowledgeBaseIds.length === 0) {
      throw new Error('no knowledge base is selected: set knowledgeBaseIds')
    }
    const query = (
      cfg.query.trim() === '' ? defaultQuery(ctx.message.text, ctx.history) : ctx.render(cfg.query)
    ).trim()
    const hits =
      query === ''
        ? []
        : await ctx.kb.search({
            query,
            knowledgeBaseIds: cfg.knowledgeBaseIds,
            topK: cfg.topK,
            minScore: cfg.minScore,
            tags: cfg.tags,
            ...(cfg.mode === 'auto' ? {} : { mode: cfg.mode }),
          })
    ctx.trace.note(`${hits.length} hit(s)`, { query, top: hits[0]?.score ?? null })
    const output = { query, count: hits.length, hits: hits.map(hitOutput) }
    return { port: hits.length > 0 ? 'found' : 'notFound', output }
  },
})
