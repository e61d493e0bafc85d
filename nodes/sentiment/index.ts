import { z } from 'zod'
import { defineNode, type NodeContext } from '../../shared/index.ts'
import { askModelForJson } from '../text/index.ts'
import { labelOf, type SentimentScore, scoreSentiment } from './score-sentiment.ts'

/** What the model is shown of a long message: sentiment is clear long before 4,000 characters. */
const MAX_MODEL_CHARS = 4000

const config = z
  .object({
    mode: z.enum(['local', 'llm']).default('local'),
    positiveThreshold: z.number().min(-1).max(1).default(0.2),
    negativeThreshold: z.number().min(-1).max(1).default(-0.2),
    instructions: z.string().max(4000).default('').meta({ ui: 'prompt' }),
    provider: z.string().max(100).optional(),
    model: z.string().max(200).optional(),
    timeoutMs: z.number().int().min(500).max(120_000).default(15_000),
  })
  .refine((cfg) => cfg.negativeThreshold < cfg.positiveThreshold, {
    path: ['negativeThreshold'],
    message: 'must be below positiveThreshold',
  })

type SentimentConfig = z.output<typeof config>

const modelAnswerSchema = z.object({
  score: z.number().min(-1).max(1),
  isAngry: z.boolean().default(false),
  isUrgent: z.boolean().default(false),
})

const systemPrompt = [
  "Rate the customer's message for a customer-service team.",
  'Answer with one JSON object: {"score": number from -1 (very negative) to 1 (very positive),',
  '"isAngry": true when the customer is angry or threatens to complain,',
  '"isUrgent": true when the customer needs help at once}.',
].join('\n')

async function scoreWithModel(ctx: NodeContext, cfg: SentimentConfig): Promise<SentimentScore> {
  const answer = await askModelForJson(ctx, {
    messages: [
      { role: 'system', content: [systemPrompt, cfg.instructions].filter(Boolean).join('\n') },
      { role: 'user', content: ctx.message.text.slice(0, MAX_MODEL_CHARS) },
    ],
    schema: modelAnswerSchema,
    timeoutMs: cfg.timeoutMs,
    provider: cfg.provider,
    model: cfg.model,
  })
  const thresholds = { positive: cfg.positiveThreshold, negative: cfg.negativeThreshold }
  return { ...answer, label: labelOf(answer.score, thresholds) }
}

export default defineNode({
  type: 'sentiment',
  version: 1,
  category: 'understand',
  titles: { 'zh-CN': '情绪识别', en: 'Sentiment' },
  descriptions: {
    'zh-CN': '判断客户消息的情绪（-1 到 1），并标记是否愤怒、是否着急。',
    en: "Scores the customer's mood from -1 to 1 and flags anger and urgency.",
  },
  config,
  outputs: () => ['positive', 'neutral', 'negative', 'error'],
  async run(ctx, cfg) {
    const thresholds = { positive: cfg.positiveThreshold, negative: cfg.negativeThreshold }
    // An empty message has no mood; the model is not asked about it.
    const isBlank = ctx.message.text.trim() === ''
    const result =
      cfg.mode === 'llm' && !isBlank
        ? await scoreWithModel(ctx, cfg)
        : scoreSentiment(ctx.message.text, thresholds)
    return { port: result.label, output: { ...result } }
  },
})
