import { describe, expect, it } from 'vitest'
import { testContext } from '../../shared/index.ts'
import language from './index.ts'

const zhEnJa = language.config.parse({
  languages: [{ language: 'zh' }, { language: 'en' }, { language: 'ja', locale: 'ja-JP' }],
})

describe('language node', () => {
  it('switches an English message to the en locale and takes the en port', async () => {
    const ctx = testContext({ text: 'Hi, where is my order?' })

    const result = await language.run(ctx, zhEnJa)

    expect(result).toMatchObject({ port: 'en', output: { language: 'en', locale: 'en' } })
    expect(ctx.effects.locale).toBe('en')
    expect(ctx.locale).toBe('en')
  })

  it('switches a Chinese message to zh-CN', async () => {
    const ctx = testContext({ text: '你好，我的快递到哪了？', locale: 'en' })

    const result = await language.run(ctx, zhEnJa)

    expect(result).toMatchObject({ port: 'zh', output: { locale: 'zh-CN', confidence: 1 } })
    expect(ctx.effects.locale).toBe('zh-CN')
  })

  it('uses the locale a row names', async () => {
    const ctx = testContext({ text: '注文した商品がまだ届きません' })

    await language.run(ctx, zhEnJa)

    expect(ctx.effects.locale).toBe('ja-JP')
  })

  it('takes other without changing the locale for a language not listed', async () => {
    const ctx = testContext({ text: 'Здравствуйте, где мой заказ?' })

    const result = await language.run(ctx, zhEnJa)

    expect(result).toMatchObject({
      port: 'other',
      output: { language: 'ru', reason: 'not_listed' },
    })
    expect(ctx.effects.locale).toBeUndefined()
  })

  it.each([
    ['empty', ''],
    ['emoji only', '😀😀🙏🏻'],
    ['one letter', 'k'],
  ])('takes other for an %s message', async (_, text) => {
    const result = await language.run(testContext({ text }), zhEnJa)

    expect(result).toMatchObject({ port: 'other', output: { reason: 'too_short' } })
  })

  it('takes other when unsure, e.g. for mixed scripts below minConfidence', async () => {
    const config = language.config.parse({ minConfidence: 0.9 })

    const result = await language.run(
      testContext({ text: '我的order怎么还没到 please check' }),
      config,
    )

    expect(result).toMatchObject({ port: 'other', output: { reason: 'unsure' } })
  })

  it('leaves the locale alone when setLocale is off', async () => {
    const ctx = testContext({ text: 'Where is my order?' })

    await language.run(ctx, { ...zhEnJa, setLocale: false })

    expect(ctx.effects.locale).toBeUndefined()
  })

  it('records translateMissing in the output', async () => {
    const result = await language.run(testContext({ text: 'Where is my order?' }), {
      ...zhEnJa,
      translateMissing: true,
    })

    expect(result).toMatchObject({ output: { translateMissing: true } })
  })

  it('reads a huge message', async () => {
    const result = await language.run(testContext({ text: '请帮我看看'.repeat(2000) }), zhEnJa)

    expect(result).toMatchObject({ port: 'zh' })
  })

  it('has one port per language, then other and error', () => {
    expect(language.outputs(zhEnJa)).toEqual(['zh', 'en', 'ja', 'other', 'error'])
  })

  it('refuses a language listed twice', () => {
    const parsed = language.config.safeParse({
      languages: [{ language: 'en' }, { language: 'en' }],
    })

    expect(parsed.success).toBe(false)
  })
})
