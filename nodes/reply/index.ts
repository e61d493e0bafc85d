import { z } from 'zod'
import {
  defineNode,
  type JsonObject,
  type NodeContext,
  type QuickReply,
} from '../../shared/index.ts'
import { hasTextFor, localizedVariantsSchema, renderLocalizedText } from '../localized-text.ts'

const quickReplySchema = z.object({
  label: z.string().min(1).max(200).meta({ ui: 'template' }),
  /** Sent back as the payload when tapped; the label when omitted. */
  value: z.string().min(1).max(200).optional(),
})

const config = z.object({
  text: z.string().max(4000).default('').meta({ ui: 'template' }),
  variants: localizedVariantsSchema.default({}),
  quickReplies: z.array(quickReplySchema).max(20).default([]).meta({ ui: 'table' }),
  /**
   * When the conversation's language has no variant, have the configured model translate the
   * text. Without a model (offline provider) or when the model fails, the text goes as written.
   */
  translateMissing: z.boolean().default(false),
})

/** Asks the model for a translation; undefined when none can be had (the caller sends the original). */
async function translate(ctx: NodeContext, text: string): Promise<string | undefined> {
  try {
    const answer = await ctx.llm.chat({
      messages: [
        {
          role: 'system',
          content: `Translate the customer-service message into the language with BCP 47 tag "${ctx.locale}". Keep numbers, order numbers, phone numbers, links and names exactly as they are. Answer with the translation only.`,
        },
        { role: 'user', content: text },
      ],
      temperature: 0,
      timeoutMs: 10_000,
    })
    if (answer.isOffline) {
      ctx.trace.note('no model configured to translate the reply; sent as written')
      return undefined
    }
    const translated = answer.text.trim()
    return translated === '' ? undefined : translated
  } catch (error) {
    ctx.trace.note('translating the reply failed; sent as written', {
      reason: error instanceof Error ? error.message : String(error),
    })
    return undefined
  }
}

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
  async run(ctx, cfg) {
    const written = renderLocalizedText(ctx, cfg.text, cfg.variants)
    const shouldTranslate =
      cfg.translateMissing &&
      written.trim() !== '' &&
      !hasTextFor(cfg.variants, ctx.locale, ctx.defaultLocale)
    const translated = shouldTranslate ? await translate(ctx, written) : undefined
    const text = translated ?? written
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
    const output: JsonObject = { text }
    if (translated !== undefined) output.translatedTo = ctx.locale
    return { port: 'next', output }
  },
})
