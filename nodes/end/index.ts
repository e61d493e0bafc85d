import { z } from 'zod'
import { defineNode, type Resolution } from '../../shared/index.ts'
import { localizedVariantsSchema, renderLocalizedText } from '../localized-text.ts'

const resolutions = ['resolved', 'unresolved', 'abandoned'] as const satisfies readonly Resolution[]

const config = z.object({
  resolution: z.enum(resolutions).default('resolved'),
  message: z.string().max(4000).default('').meta({ ui: 'template' }),
  variants: localizedVariantsSchema.default({}),
})

export default defineNode({
  type: 'end',
  version: 1,
  category: 'basic',
  titles: { 'zh-CN': '结束', en: 'End' },
  descriptions: {
    'zh-CN': '可发送一条结束语，然后关闭对话并记录解决情况。',
    en: 'Optionally says goodbye, then closes the conversation with a resolution.',
  },
  config,
  // No ports: the conversation is over. A broken message template still fails the step, and
  // the engine sends the flow's fallback reply.
  outputs: () => [],
  run(ctx, cfg) {
    const text = renderLocalizedText(ctx, cfg.message, cfg.variants)
    if (text.trim() !== '') ctx.emit({ text })
    return { end: { resolution: cfg.resolution }, output: { resolution: cfg.resolution } }
  },
})
