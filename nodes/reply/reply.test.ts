import { describe, expect, it } from 'vitest'
import { ExpressionError, testContext } from '../../shared/index.ts'
import { fakeLlm } from '../text/fake-llm.ts'
import reply from './index.ts'

describe('reply node', () => {
  it('sends its text rendered with the conversation variables', async () => {
    const ctx = testContext({ vars: { orderId: 'A1024' } })
    const config = reply.config.parse({ text: '您的订单 {{ vars.orderId }} 已发货' })

    await reply.run(ctx, config)

    expect(ctx.effects.messages).toEqual([{ text: '您的订单 A1024 已发货', isCompliant: false }])
  })

  it('takes next and outputs the text it sent', async () => {
    const config = reply.config.parse({ text: '您好' })

    const result = await reply.run(testContext(), config)

    expect(result).toEqual({ port: 'next', output: { text: '您好' } })
  })

  it('picks the English variant when the conversation locale is en', async () => {
    const ctx = testContext({ locale: 'en', defaultLocale: 'zh-CN' })
    const config = reply.config.parse({ text: '您好', variants: { en: 'Hello' } })

    await reply.run(ctx, config)

    expect(ctx.effects.messages[0]?.text).toBe('Hello')
  })

  it('sends the default text when the conversation locale has no variant', async () => {
    const ctx = testContext({ locale: 'ja', defaultLocale: 'zh-CN' })
    const config = reply.config.parse({ text: '您好', variants: { en: 'Hello' } })

    await reply.run(ctx, config)

    expect(ctx.effects.messages[0]?.text).toBe('您好')
  })

  it('renders quick-reply labels and keeps their values', async () => {
    const ctx = testContext({ vars: { orderId: 'A1024' } })
    const config = reply.config.parse({
      text: '请选择',
      quickReplies: [{ label: '查询 {{ vars.orderId }}', value: 'track' }, { label: '转人工' }],
    })

    await reply.run(ctx, config)

    expect(ctx.effects.messages[0]?.quickReplies).toEqual([
      { label: '查询 A1024', value: 'track' },
      { label: '转人工' },
    ])
  })

  it('sends nothing when the text renders empty', async () => {
    const ctx = testContext({ vars: { note: '' } })
    const config = reply.config.parse({ text: '{{ vars.note }}' })

    const result = await reply.run(ctx, config)

    expect(ctx.effects.messages).toEqual([])
    expect(result).toMatchObject({ port: 'next' })
  })

  it('throws on a malformed template, which takes the error port', async () => {
    const config = reply.config.parse({ text: '您好 {{ vars.name ' })

    await expect(async () => reply.run(testContext(), config)).rejects.toThrow(ExpressionError)
  })

  it('has next and error ports', () => {
    expect(reply.outputs(reply.config.parse({}))).toEqual(['next', 'error'])
  })

  it('defaults to an empty text without variants, quick replies or translation', () => {
    expect(reply.config.parse({})).toEqual({
      text: '',
      variants: {},
      quickReplies: [],
      translateMissing: false,
    })
  })

  it('rejects a variant keyed by something that is not a locale', () => {
    const parsed = reply.config.safeParse({ text: '您好', variants: { English: 'Hello' } })

    expect(parsed.error?.issues[0]?.path).toEqual(['variants', 'English'])
  })

  it('rejects a quick reply without a label', () => {
    const parsed = reply.config.safeParse({ quickReplies: [{ label: '', value: 'x' }] })

    expect(parsed.error?.issues[0]?.path).toEqual(['quickReplies', 0, 'label'])
  })

  describe('translating a missing variant', () => {
    const config = reply.config.parse({
      text: '您的订单已发货',
      variants: { en: 'Your order has shipped' },
      translateMissing: true,
    })

    it('has the model translate when the conversation language has no variant', async () => {
      const llm = fakeLlm({ text: 'ご注文の商品は発送済みです' })
      const ctx = testContext({ locale: 'ja', defaultLocale: 'zh-CN', llm })

      const result = await reply.run(ctx, config)

      expect(ctx.effects.messages[0]?.text).toBe('ご注文の商品は発送済みです')
      expect(result).toEqual({
        port: 'next',
        output: { text: 'ご注文の商品は発送済みです', translatedTo: 'ja' },
      })
      expect(llm.requests[0]?.messages[1]?.content).toBe('您的订单已发货')
    })

    it('uses a written variant instead of asking the model', async () => {
      const llm = fakeLlm({ text: 'should not be used' })
      const ctx = testContext({ locale: 'en-US', defaultLocale: 'zh-CN', llm })

      await reply.run(ctx, config)

      expect(ctx.effects.messages[0]?.text).toBe('Your order has shipped')
      expect(llm.requests).toEqual([])
    })

    it('sends the text as written when the model fails, noting why in the trace', async () => {
      const llm = fakeLlm({ error: new Error('model timed out') })
      const ctx = testContext({ locale: 'fr', defaultLocale: 'zh-CN', llm })

      const result = await reply.run(ctx, config)

      expect(result).toMatchObject({ port: 'next' })
      expect(ctx.effects.messages[0]?.text).toBe('您的订单已发货')
      expect(ctx.effects.notes[0]?.message).toContain('translating the reply failed')
    })

    it('sends the text as written when only the offline provider is there', async () => {
      const offline = fakeLlm({ text: 'extract' })
      const llm = {
        ...offline,
        chat: async (request: Parameters<typeof offline.chat>[0]) => ({
          ...(await offline.chat(request)),
          isOffline: true,
        }),
      }
      const ctx = testContext({ locale: 'fr', defaultLocale: 'zh-CN', llm })

      await reply.run(ctx, config)

      expect(ctx.effects.messages[0]?.text).toBe('您的订单已发货')
    })
  })
})
