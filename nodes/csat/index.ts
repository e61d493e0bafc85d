import { z } from 'zod'
import {
  defineNode,
  type NodeContext,
  type NodeResult,
  type QuickReply,
  variableSchema,
} from '../../shared/index.ts'
import { localizedVariantsSchema, renderLocalizedText } from '../localized-text.ts'
import { parseRating } from './parse-rating.ts'

/** The payload of the "skip" button under the comment question. */
const SKIP_PAYLOAD = '__skip__'

const optionalVariable = variableSchema.shape.name.meta({ ui: 'variable' }).optional()

const config = z.object({
  question: z
    .string()
    .max(4000)
    .default('请为本次服务打分：1–5 分，5 分最满意。')
    .meta({ ui: 'template' }),
  variants: localizedVariantsSchema.default({
    en: 'How would you rate this conversation? 1–5, where 5 is best.',
  }),
  /** Button labels for ratings 1 to 5; the tapped button sends its rating as the payload. */
  labels: z
    .tuple([z.string(), z.string(), z.string(), z.string(), z.string()])
    .default(['1', '2', '3', '4', '5']),
  askComment: z.boolean().default(false),
  commentPrompt: z
    .string()
    .max(4000)
    .default('感谢您的评分！还有什么想告诉我们的吗？直接回复即可。')
    .meta({ ui: 'template' }),
  commentVariants: localizedVariantsSchema.default({
    en: 'Thank you! Anything you would like to tell us? Just reply.',
  }),
  skipLabel: z.string().min(1).max(50).default('跳过'),
  skipVariants: localizedVariantsSchema.default({ en: 'Skip' }),
  retryMessage: z
    .string()
    .max(4000)
    .default('请回复 1 到 5 之间的数字，或点击下面的按钮。')
    .meta({ ui: 'template' }),
  retryVariants: localizedVariantsSchema.default({
    en: 'Please answer with a number from 1 to 5, or tap a button.',
  }),
  /** Answers that are not a rating before the node gives up and takes `skipped`. */
  maxAttempts: z.number().int().min(1).max(5).default(2),
  /** The survey's name in the stored events; several surveys in one flow tell apart by it. */
  surveyName: z.string().trim().min(1).max(100).default('csat'),
  ratingVariable: optionalVariable,
  commentVariable: optionalVariable,
})

type CsatConfig = z.output<typeof config>

const waitStateSchema = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('rating'), attempts: z.number().int().min(0) }),
  z.object({ stage: z.literal('comment'), rating: z.number().int().min(1).max(5) }),
])

function askRating(ctx: NodeContext, cfg: CsatConfig): void {
  const quickReplies: QuickReply[] = cfg.labels.map((label, i) => ({
    label: ctx.render(label),
    value: String(i + 1),
  }))
  ctx.emit({ text: renderLocalizedText(ctx, cfg.question, cfg.variants), quickReplies })
}

function rate(ctx: NodeContext, cfg: CsatConfig, rating: number): NodeResult {
  // Stored at once: a customer who leaves before the comment question still counts for CSAT.
  ctx.events.record({ type: 'csat', name: cfg.surveyName, value: rating })
  if (cfg.ratingVariable) ctx.setVariable(cfg.ratingVariable, rating)
  if (!cfg.askComment) return { port: 'rated', output: { rating, comment: null } }
  ctx.emit({
    text: renderLocalizedText(ctx, cfg.commentPrompt, cfg.commentVariants),
    quickReplies: [
      { label: renderLocalizedText(ctx, cfg.skipLabel, cfg.skipVariants), value: SKIP_PAYLOAD },
    ],
  })
  return { wait: { state: { stage: 'comment', rating } }, output: { rating, comment: null } }
}

export default defineNode({
  type: 'csat',
  version: 1,
  category: 'action',
  titles: { 'zh-CN': '满意度评价', en: 'CSAT survey' },
  descriptions: {
    'zh-CN': '请客户打 1–5 分（按钮），可再留评论；评分存入会话事件，用于计算满意度。',
    en: 'Asks for a 1–5 rating (buttons) and an optional comment; stored for the CSAT KPI.',
  },
  config,
  outputs: () => ['rated', 'skipped', 'error'],
  canWait: true,
  run(ctx, cfg) {
    askRating(ctx, cfg)
    return { wait: { state: { stage: 'rating', attempts: 0 } } }
  },
  resume(ctx, cfg): NodeResult {
    const state = waitStateSchema.safeParse(ctx.waitState).data ?? { stage: 'rating', attempts: 0 }
    const { payload, text } = ctx.message
    if (state.stage === 'comment') {
      const comment = payload === SKIP_PAYLOAD ? '' : text.trim().slice(0, 2000)
      if (comment !== '') {
        ctx.events.record({
          type: 'csat_comment',
          name: cfg.surveyName,
          value: state.rating,
          detail: { comment },
        })
        if (cfg.commentVariable) ctx.setVariable(cfg.commentVariable, comment)
      }
      return { port: 'rated', output: { rating: state.rating, comment: comment || null } }
    }
    const rating = [payload, text]
      .filter((answer) => answer !== undefined)
      .map((answer) => parseRating(answer))
      .find((parsed) => parsed !== undefined)
    if (rating !== undefined) return rate(ctx, cfg, rating)
    const attempts = state.attempts + 1
    if (attempts >= cfg.maxAttempts) {
      return { port: 'skipped', output: { rating: null, raw: payload ?? text, attempts } }
    }
    const retry = renderLocalizedText(ctx, cfg.retryMessage, cfg.retryVariants)
    if (retry.trim() !== '') ctx.emit({ text: retry })
    askRating(ctx, cfg)
    return { wait: { state: { stage: 'rating', attempts } } }
  },
})
