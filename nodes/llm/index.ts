import { z } from 'zod'
import {
  type ChatRequest,
  defineNode,
  type JsonObject,
  type JsonValue,
  type NodeContext,
  variableSchema,
} from '../../shared/index.ts'
import { buildMessages, historyWindow } from './build-messages.ts'
import { jsonSchemaProblem, readJsonAnswer, toZodSchema } from './json-output.ts'
import { citedHits, knowledgeBlock, type NumberedHit, readHits } from './knowledge.ts'
import { isRetryable, withRetries } from './retry.ts'

const defaultSystemPrompt =
  '你是专业、友善的客服助手。请只根据参考资料回答客户的问题，资料里没有的内容如实说明并建议联系人工客服。请用简洁的口语回答。'

const config = z
  .object({
    /** A provider from the workspace settings; the default provider when empty. */
    provider: z.string().max(40).default(''),
    /** The provider's chat model when empty. */
    model: z.string().max(200).default(''),
    systemPrompt: z.string().max(20_000).default(defaultSystemPrompt).meta({ ui: 'prompt' }),
    userPrompt: z.string().max(20_000).default('{{ input }}').meta({ ui: 'prompt' }),
    /** Earlier customer turns (with the bot's replies) the model sees; 0 for none. */
    historyTurns: z.number().int().min(0).max(50).default(5),
    /** Id of a `retrieve` node whose hits are given to the model as numbered sources. */
    knowledgeFrom: z.string().max(100).default(''),
    maxKnowledgeHits: z.number().int().min(1).max(20).default(5),
    temperature: z.number().min(0).max(2).default(0.3),
    maxTokens: z.number().int().min(1).max(32_000).default(800),
    /** A JSON Schema (as JSON text): the answer must be a JSON object matching it. */
    jsonSchema: z.string().max(20_000).default('').meta({ ui: 'code' }),
    /** Send the answer to the customer (streamed); off, it is only kept for later nodes. */
    shouldSendAnswer: z.boolean().default(true),
    /** Also keep the answer (the parsed object in JSON mode) in this flow variable. */
    saveAs: variableSchema.shape.name.optional().meta({ ui: 'variable' }),
    /** Per attempt, the whole answer included. */
    timeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
    /** Further attempts after a timeout, a network or server error, or an invalid JSON answer. */
    retries: z.number().int().min(0).max(5).default(1),
  })
  .superRefine((cfg, check) => {
    if (cfg.jsonSchema.trim() === '') return
    const problem = jsonSchemaProblem(cfg.jsonSchema)
    if (problem) check.addIssue({ code: 'custom', path: ['jsonSchema'], message: problem })
  })

type LlmConfig = z.output<typeof config>

interface Answer {
  text: string
  model: string
  isOffline: boolean
  json?: JsonValue
}

function chatRequest(ctx: NodeContext, cfg: LlmConfig, hits: NumberedHit[]): ChatRequest {
  const isJson = cfg.jsonSchema.trim() !== ''
  const messages = buildMessages({
    systemPrompt: ctx.render(cfg.systemPrompt),
    knowledge: knowledgeBlock(hits, ctx.locale),
    history: historyWindow(ctx.history, cfg.historyTurns, ctx.message.text),
    userPrompt: ctx.render(cfg.userPrompt),
    ...(isJson ? { jsonSchema: cfg.jsonSchema.trim() } : {}),
    locale: ctx.locale,
  })
  return {
    messages,
    ...(cfg.provider === '' ? {} : { provider: cfg.provider }),
    ...(cfg.model === '' ? {} : { model: cfg.model }),
    temperature: cfg.temperature,
    maxTokens: cfg.maxTokens,
    timeoutMs: cfg.timeoutMs,
    isJson,
  }
}

/** JSON mode: one whole answer, checked against the schema before anything uses it. */
async function answerAsJson(ctx: NodeContext, cfg: LlmConfig, request: ChatRequest) {
  const schema = toZodSchema(cfg.jsonSchema)
  return withRetries(cfg.retries, isRetryable, async (): Promise<Answer> => {
    const result = await ctx.llm.chat(request)
    const json = readJsonAnswer(result.text, schema)
    return { text: result.text, model: result.model, isOffline: result.isOffline, json }
  })
}

/** Text mode without sending: one whole answer for later nodes. */
async function answerQuietly(ctx: NodeContext, cfg: LlmConfig, request: ChatRequest) {
  return withRetries(cfg.retries, isRetryable, async (): Promise<Answer> => {
    const { text, model, isOffline } = await ctx.llm.chat(request)
    return { text, model, isOffline }
  })
}

/**
 * Streams the answer to the customer sentence by sentence (ctx.emitStream runs each sentence
 * through the compliance policy). A failed attempt is retried only while nothing was shown.
 */
async function answerStreaming(
  ctx: NodeContext,
  cfg: LlmConfig,
  request: ChatRequest,
  hits: NumberedHit[],
): Promise<Answer> {
  const answeredBy = { model: cfg.model || 'unknown', isOffline: false }
  // emitStream copies `meta` into the stored message only once the stream has ended, so what
  // is learnt while streaming (the model, offline or not, the sources quoted) still lands in it.
  const meta: JsonObject = {}
  let full = ''
  async function* attempt() {
    full = ''
    const stream = ctx.llm.chatStream({
      ...request,
      onModel: (by) => {
        answeredBy.model = by.model
        answeredBy.isOffline = by.isOffline
      },
    })
    for await (const delta of stream) {
      full += delta
      yield delta
    }
  }
  async function* annotated() {
    try {
      yield* streamWithRetries(cfg.retries, attempt)
    } finally {
      // Also when compliance stops the stream early: the part shown is still labelled.
      meta.model = answeredBy.model
      if (answeredBy.isOffline) meta.isOffline = true
      const cited = citedHits(full, hits)
      if (cited.length > 0) meta.citations = cited.map(citationMeta)
    }
  }
  const shown = await ctx.emitStream(annotated(), { meta })
  return { text: shown, model: answeredBy.model, isOffline: answeredBy.isOffline }
}

/** Retries a stream that failed before its first delta; after that, the customer saw text. */
async function* streamWithRetries(
  retries: number,
  attempt: () => AsyncIterable<string>,
): AsyncIterable<string> {
  for (let attemptIndex = 0; ; attemptIndex++) {
    let hasYielded = false
    try {
      for await (const delta of attempt()) {
        hasYielded = true
        yield delta
      }
      return
    } catch (error) {
      if (hasYielded || attemptIndex >= retries || !isRetryable(error)) throw error
    }
  }
}

function citationMeta(hit: NumberedHit): JsonObject {
  return { index: hit.index, source: hit.source, title: hit.title, documentId: hit.documentId }
}

function citationOutput(hit: NumberedHit): JsonObject {
  return { ...hit }
}

export default defineNode({
  type: 'llm',
  version: 1,
  category: 'knowledge',
  titles: { 'zh-CN': '大模型回答', en: 'LLM' },
  descriptions: {
    'zh-CN':
      '调用大模型生成回答：可注入检索到的知识并标注出处，逐句流式发送给客户，或按 JSON Schema 输出结构化结果。',
    en: 'Generates an answer with a model: injects retrieved knowledge with numbered citations, streams it sentence by sentence, or returns JSON matching a schema.',
  },
  config,
  outputs: () => ['default', 'error'],
  async run(ctx, cfg) {
    const hits =
      cfg.knowledgeFrom === ''
        ? []
        : readHits(ctx.scope.nodes[cfg.knowledgeFrom], cfg.maxKnowledgeHits)
    if (cfg.knowledgeFrom !== '' && hits.length === 0) {
      ctx.trace.note(`no knowledge hits in nodes.${cfg.knowledgeFrom}`)
    }
    const request = chatRequest(ctx, cfg, hits)
    const isJson = request.isJson === true
    const answer = isJson
      ? await answerAsJson(ctx, cfg, request)
      : cfg.shouldSendAnswer
        ? await answerStreaming(ctx, cfg, request, hits)
        : await answerQuietly(ctx, cfg, request)
    if (cfg.saveAs !== undefined) ctx.setVariable(cfg.saveAs, answer.json ?? answer.text)
    const citations = citedHits(answer.text, hits).map(citationOutput)
    const output: JsonObject = {
      text: answer.text,
      citations,
      model: answer.model,
      isOffline: answer.isOffline,
    }
    if (answer.json !== undefined) output.json = answer.json
    return { port: 'default', output }
  },
})
