import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { type NodeResult, type TranscriptMessage, testContext } from '../../shared/index.ts'
import intent from './index.ts'
import { englishIntents, intentConfig, preparedFor } from './intent-test-configs.ts'

function customer(text: string, id = text): TranscriptMessage {
  return { id, role: 'customer', text, createdAt: '2026-01-01T02:00:00Z' }
}
function bot(text: string): TranscriptMessage {
  return { id: `bot-${text}`, role: 'bot', text, createdAt: '2026-01-01T02:00:01Z' }
}

const outputSchema = z.object({
  intent: z.string().nullable(),
  confidence: z.number(),
  top: z.array(z.object({ intent: z.string(), confidence: z.number() })),
})

function outputOf(result: NodeResult) {
  return outputSchema.parse('output' in result ? result.output : undefined)
}

async function runIntent(
  text: string,
  overrides: Record<string, unknown> = {},
  history: TranscriptMessage[] = [customer(text)],
) {
  const config = intentConfig(overrides)
  const ctx = testContext({ text, prepared: await preparedFor(config), history })
  return intent.run(ctx, config)
}

describe('intent node', () => {
  it('offers one port per intent plus fallback and error', () => {
    const config = intentConfig()

    expect(intent.outputs(config)).toEqual([
      'return_howto',
      'return_fee',
      'exchange_fee',
      'track_order',
      'invoice',
      'fallback',
      'error',
    ])
  })

  it('takes the port of the recognized intent in Chinese, with the top intents in the output', async () => {
    const result = await runIntent('快递怎么还没送到，帮我查查物流')

    expect(result).toMatchObject({ port: 'track_order', output: { intent: 'track_order' } })
    expect(outputOf(result).top).toHaveLength(3)
    expect(result).toMatchObject({ output: { source: 'local', usedHistory: false } })
  })

  it('names the intent taken with its label in the conversation’s language, if it has one', async () => {
    const config = intentConfig()
    const prepared = await preparedFor(config)
    const text = '我想退货，怎么操作'
    const run = (locale: string) =>
      intent.run(testContext({ text, prepared, history: [customer(text)], locale }), config)

    expect(await run('zh-CN')).toMatchObject({
      output: { intent: 'return_howto', label: '怎么退货' },
    })
    expect(await run('en-US')).toMatchObject({ output: { label: 'How to return' } })
    expect(await run('ja')).toMatchObject({ output: { intent: 'return_howto', label: null } })
  })

  it('takes the port of the recognized intent in English', async () => {
    const result = await runIntent('can you tell me where my parcel is', {
      intents: englishIntents,
    })

    expect(result).toMatchObject({ port: 'track_order' })
  })

  it('ranks intents by confidence between 0 and 1', async () => {
    const result = await runIntent('发票抬头开错了怎么办')

    const { top } = outputOf(result)
    expect(top[0]?.intent).toBe('invoice')
    expect(top.map((entry) => entry.confidence)).toEqual(
      [...top.map((entry) => entry.confidence)].sort((a, b) => b - a),
    )
    for (const entry of top) expect(entry.confidence).toBeGreaterThanOrEqual(0)
    expect(top[0]?.confidence).toBeLessThanOrEqual(1)
  })

  it('takes fallback when the best intent stays below the threshold', async () => {
    const result = await runIntent('快递怎么还没送到，帮我查查物流', { threshold: 0.999 })

    expect(result).toMatchObject({ port: 'fallback', output: { intent: null } })
  })

  it.each(['what is the weather like today', 'tell me a joke about cats'])(
    'sends the out-of-scope question "%s" to fallback at the default threshold',
    async (text) => {
      const result = await runIntent(text, { intents: englishIntents })

      expect(result).toMatchObject({ port: 'fallback' })
    },
  )

  it.each(['今天天气怎么样', '你们老板叫什么名字'])(
    'gives the out-of-scope question "%s" less confidence than in-scope ones',
    async (text) => {
      const outOfScope = await runIntent(text)
      const inScope = await runIntent('快递怎么还没送到')

      expect(outputOf(outOfScope).confidence).toBeLessThan(outputOf(inScope).confidence - 0.3)
      expect(await runIntent(text, { threshold: 0.6 })).toMatchObject({ port: 'fallback' })
    },
  )

  it('resolves a short Chinese follow-up with the previous customer message', async () => {
    const history = [
      customer('换货的运费谁出？'),
      bot('换货运费由我们承担。'),
      customer('那退货呢？'),
    ]

    const result = await runIntent('那退货呢？', {}, history)

    expect(result).toMatchObject({ port: 'return_fee', output: { usedHistory: true } })
  })

  it('resolves a short English follow-up with the previous customer message', async () => {
    const history = [
      customer('how much does shipping cost for an exchange?'),
      bot('Exchanges ship free.'),
      customer('and for returns?'),
    ]

    const result = await runIntent('and for returns?', { intents: englishIntents }, history)

    expect(result).toMatchObject({ port: 'return_fee', output: { usedHistory: true } })
  })

  it('classifies a follow-up on its own when useHistory is off', async () => {
    const history = [customer('换货的运费谁出？'), customer('那退货呢？')]

    const result = await runIntent('那退货呢？', { useHistory: false }, history)

    expect(result).toMatchObject({ output: { usedHistory: false } })
  })

  it('takes fallback for an empty message without classifying', async () => {
    const result = await runIntent('   ')

    expect(result).toMatchObject({ port: 'fallback', output: { isEmpty: true } })
  })

  it.each([
    ['emoji only', '😀😀🙏'],
    ['punctuation only', '？？？！！'],
    ['a huge message', '我要退货'.repeat(2_500)],
    ['mixed scripts', 'refund 退货 返品 환불 please!!'],
    ['control characters', '\u0000\u0007退货\uFFFF'],
  ])('does not crash on %s', async (_name, text) => {
    const result = await runIntent(text)

    expect([
      'return_howto',
      'return_fee',
      'exchange_fee',
      'track_order',
      'invoice',
      'fallback',
    ]).toContain('port' in result ? result.port : undefined)
  })

  it('classifies a huge message quickly', async () => {
    const config = intentConfig()
    const prepared = await preparedFor(config)
    const ctx = testContext({ text: '我的快递到哪了'.repeat(1_500), prepared })

    const start = performance.now()
    await intent.run(ctx, config)

    expect(performance.now() - start).toBeLessThan(200)
  })

  it('throws when run without a prepared model, which takes the error port', async () => {
    const config = intentConfig()

    await expect(intent.run(testContext({ text: '我要退货' }), config)).rejects.toThrow(/prepared/)
  })
})

describe('intent prepare and load', () => {
  it('survives storing the prepared model as JSON', async () => {
    const config = intentConfig()
    const stored = await intent.prepare?.(config)

    const reloaded = intent.load?.(JSON.parse(JSON.stringify(stored)), config)
    const result = await intent.run(testContext({ text: '怎么开发票', prepared: reloaded }), config)

    expect(result).toMatchObject({ port: 'invoice' })
  })

  it('prepares the same model twice from the same config', async () => {
    const config = intentConfig()

    expect(JSON.stringify(await intent.prepare?.(config))).toBe(
      JSON.stringify(await intent.prepare?.(config)),
    )
  })

  it('refuses to load a model prepared for other intents', async () => {
    const stored = await intent.prepare?.(intentConfig())

    expect(() =>
      intent.load?.(stored ?? null, intentConfig({ intents: englishIntents.slice(1) })),
    ).toThrow(/does not match/)
  })

  it('prepares nothing in llm mode', async () => {
    expect(await intent.prepare?.(intentConfig({ mode: 'llm' }))).toBeNull()
  })
})
