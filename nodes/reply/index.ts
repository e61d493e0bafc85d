import { z } from 'zod'
import { defineNode, type QuickReply } from '../../shared/index.ts'
import { localizedVariantsSchema, renderLocalizedText } from '../localized-text.ts'

const quickReplySchema = z.object({
  label: z.string().min(1).max(200).meta({ ui: 'template' }),
  /** Sent back as the payload when tapped; the label when omitted. */
  value: z.string().min(1).max(200).optional(),
})

const config = z.object({
  text: z.string().max(4000).default('').meta({ ui: 'template' }),
  variants: localizedVariantsSchema.default({}),
  quickReplies: z.array(quickReplySchema).max(20).default([]).meta({ ui: 'table' }),
})

export default defineNode({
  type: 'reply',
  version: 1,
  category: 'basic',
  titles: { 'zh-CN': '回复', en: 'Reply' },
  descriptions: {
    'zh-CN': '发送一条消息，可带快捷回复按钮。',
    en: 'Sends one message, optionally with quick-reply buttons.',
  },
  config,
  outputs: () => ['next', 'error'],
  run(ctx, cfg) {
    const text = renderLocalizedText(ctx, cfg.text, cfg.variants)
    const quickReplies = cfg.quickReplies.map(
      (reply): QuickReply =>
        reply.value === undefined
          ? { label: ctx.render(reply.label) }
          : { label: ctx.render(reply.label), value: reply.value },
    )
    // A blank message is noise in every channel: a variable that rendered empty sends nothing.
    if (text.trim() === '' && quickReplies.length === 0) {
      ctx.trace.note('reply text rendered empty; nothing sent')
    } else {
      ctx.emit(quickReplies.length === 0 ? { text } : { text, quickReplies })
    }
    return { port: 'next', output: { text } }
  },
})
