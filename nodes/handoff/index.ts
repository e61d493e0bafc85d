import { z } from 'zod'
import {
  defineNode,
  handoffPriorities,
  type JsonValue,
  type NodeResult,
  queueNameSchema,
} from '../../shared/index.ts'
import { localizedVariantsSchema, renderLocalizedText } from '../localized-text.ts'
import { fillQueueMessage } from './queue-message.ts'
import { summarize } from './summarize.ts'

const DEFAULT_QUEUE_MESSAGE =
  '正在为您转接人工客服，您当前排在第 {position} 位，预计等待约 {minutes} 分钟。'
const DEFAULT_QUEUE_VARIANTS = {
  en: 'Connecting you to an agent: you are number {position} in the queue, about {minutes} min to wait.',
}

const config = z.object({
  /** The skill group whose agents take the conversation. */
  queue: queueNameSchema.default('default'),
  /** Shown to agents; when empty, what triggered the handoff (an interrupt, or this node). */
  reason: z.string().max(500).default('').meta({ ui: 'template' }),
  priority: z.enum(handoffPriorities).default('normal'),
  /** With nobody of the queue online: wait in the queue anyway instead of `unavailable`. */
  queueWithoutAgents: z.boolean().default(false),
  /** Waiting longer takes `unavailable`; 0 waits until an agent comes. */
  timeoutMinutes: z.number().int().min(0).max(1440).default(10),
  /** `{position}`, `{ahead}` and `{minutes}` are filled in; sent again while the place changes. */
  queueMessage: z.string().max(1000).default(DEFAULT_QUEUE_MESSAGE).meta({ ui: 'template' }),
  queueMessageVariants: localizedVariantsSchema.default(DEFAULT_QUEUE_VARIANTS),
  /** Let the configured model write the agent's summary (extractive without a model). */
  summaryByModel: z.boolean().default(true),
})

// What agents read as the reason when the node has none: what sent the customer here.
const interruptReasons: Record<string, { zh: string; en: string }> = {
  phrases: { zh: '客户要求转人工', en: 'customer asked for a person' },
  sentiment: { zh: '客户情绪激动', en: 'customer is upset' },
  fallbacks: { zh: '机器人多次未能理解', en: 'the bot did not understand several times' },
  compliance: { zh: '合规规则要求人工处理', en: 'a compliance rule asked for a person' },
  flow: { zh: '流程转人工', en: 'the flow handed off' },
}

function defaultReason(interrupt: JsonValue | undefined, locale: string): string {
  const kind =
    typeof interrupt === 'object' && interrupt !== null && !Array.isArray(interrupt)
      ? interrupt.kind
      : undefined
  const reason = (typeof kind === 'string' && interruptReasons[kind]) || interruptReasons.flow
  if (!reason) return ''
  return locale.toLowerCase().startsWith('zh') ? reason.zh : reason.en
}

export default defineNode({
  type: 'handoff',
  version: 1,
  category: 'handoff',
  titles: { 'zh-CN': '转人工', en: 'Human handoff' },
  descriptions: {
    'zh-CN':
      '把对话连同摘要交给人工客服队列，告诉客户排队位置和预计等待时间；客服交回后从 returned 继续，非工作时间、无人在线或等待超时走 unavailable。',
    en: 'Hands the conversation with a summary to an agent queue and tells the customer their place; continues at returned when the agent hands back, unavailable outside hours, with nobody online or after a timeout.',
  },
  config,
  outputs: () => ['returned', 'unavailable', 'error'],
  canWait: true,
  async run(ctx, cfg): Promise<NodeResult> {
    const availability = await ctx.handoff.check(cfg.queue)
    const isClosed = availability.reason === 'outside_hours'
    if (isClosed || (availability.reason === 'no_agents' && !cfg.queueWithoutAgents)) {
      return {
        port: 'unavailable',
        output: { queue: cfg.queue, unavailable: availability.reason ?? 'no_agents' },
      }
    }
    const summary = await summarize(ctx, cfg.summaryByModel)
    const reason =
      ctx.render(cfg.reason).trim() || defaultReason(ctx.scope.sys.interrupt, ctx.locale)
    const queueMessage = renderLocalizedText(ctx, cfg.queueMessage, cfg.queueMessageVariants)
    const place = await ctx.handoff.request({
      queue: cfg.queue,
      reason,
      priority: cfg.priority,
      summary,
      timeoutMs: cfg.timeoutMinutes * 60_000,
      queueMessage,
    })
    if (queueMessage.trim() !== '') {
      ctx.emit({
        text: fillQueueMessage(queueMessage, place),
        meta: { queue: { position: place.position, estimatedWaitMs: place.estimatedWaitMs } },
      })
    }
    return {
      wait: { state: { queue: cfg.queue } },
      output: { queue: cfg.queue, reason, priority: cfg.priority, summary, ...place },
    }
  },
  // While the customer waits, their messages go to the transcript for the agent: keep waiting.
  resume: (ctx) => ({ wait: { state: ctx.waitState ?? null } }),
})
