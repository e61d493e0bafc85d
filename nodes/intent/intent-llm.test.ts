import { describe, expect, it } from 'vitest'
import { AppError, type TranscriptMessage, testContext } from '../../shared/index.ts'
import { fakeLlm } from '../text/index.ts'
import intent from './index.ts'
import { englishIntents, intentConfig, preparedFor } from './intent-test-configs.ts'

const history: TranscriptMessage[] = [
  { id: 'm1', role: 'customer', text: '换货的运费谁出？', createdAt: '2026-01-01T02:00:00Z' },
  { id: 'm2', role: 'bot', text: '换货运费由我们承担。', createdAt: '2026-01-01T02:00:01Z' },
  { id: 'm3', role: 'customer', text: '那退货呢？', createdAt: '2026-01-01T02:00:02Z' },
]

describe('intent node in llm mode', () => {
  it('takes the port of the intent the model names', async () => {
    const llm = fakeLlm({ json: { intent: 'return_fee', confidence: 0.9 } })
    const config = intentConfig({ mode: 'llm' })

    const result = await intent.run(testContext({ text: '那退货呢？', llm, history }), config)

    expect(result).toMatchObject({
      port: 'return_fee',
      output: { intent: 'return_fee', confidence: 0.9, source: 'llm' },
    })
  })

  it('asks for JSON with the intent names, descriptions, examples and the earlier turns', async () => {
    const llm = fakeLlm({ json: { intent: 'return_fee', confidence: 0.9 } })
    const config = intentConfig({ mode: 'llm', timeoutMs: 4_000, provider: 'qwen' })

    await intent.run(testContext({ text: '那退货呢？', llm, history }), config)

    const request = llm.requests[0]
    expect(request).toMatchObject({ isJson: true, timeoutMs: 4_000, provider: 'qwen' })
    const prompt = request?.messages.map((message) => message.content).join('\n') ?? ''
    for (const expected of [
      'return_fee',
      '退货的运费由谁承担',
      '"退货运费谁承担"',
      '换货的运费谁出？',
      '那退货呢？',
    ]) {
      expect(prompt).toContain(expected)
    }
  })

  it('takes fallback when the model is not confident enough', async () => {
    const llm = fakeLlm({ json: { intent: 'invoice', confidence: 0.3 } })
    const config = intentConfig({ mode: 'llm', threshold: 0.6 })

    const result = await intent.run(testContext({ text: 'hmm', llm }), config)

    expect(result).toMatchObject({ port: 'fallback', output: { intent: null } })
  })

  it.each([['none'], ['no_such_intent']])(
    'takes fallback when the model answers "%s"',
    async (name) => {
      const llm = fakeLlm({ json: { intent: name, confidence: 0.95 } })

      const result = await intent.run(
        testContext({ text: 'what is the weather', llm }),
        intentConfig({ mode: 'llm' }),
      )

      expect(result).toMatchObject({ port: 'fallback' })
    },
  )

  it.each([
    ['text that is not JSON', { text: 'The intent is return_fee.' }],
    ['JSON without a confidence', { json: { intent: 'return_fee' } }],
    ['a confidence out of range', { json: { intent: 'return_fee', confidence: 7 } }],
  ])('throws model_answer_invalid for %s, which takes the error port', async (_name, answer) => {
    const llm = fakeLlm(answer)

    const run = intent.run(testContext({ text: '我要退货', llm }), intentConfig({ mode: 'llm' }))

    await expect(run).rejects.toMatchObject({ code: 'model_answer_invalid' })
  })

  it('passes a timeout of the model on with its reason', async () => {
    const timeout = new AppError(
      'service_unavailable',
      'LLM provider "default" failed: timeout after 15000 ms',
    )
    const llm = fakeLlm({ error: timeout })

    const run = intent.run(testContext({ text: '我要退货', llm }), intentConfig({ mode: 'llm' }))

    await expect(run).rejects.toThrow(/timeout/)
  })

  it('does not ask the model about an empty message', async () => {
    const llm = fakeLlm({ json: { intent: 'invoice', confidence: 1 } })

    const result = await intent.run(testContext({ text: '', llm }), intentConfig({ mode: 'llm' }))

    expect(result).toMatchObject({ port: 'fallback' })
    expect(llm.requests).toHaveLength(0)
  })
})

describe('intent node in hybrid mode', () => {
  it('answers from the local classifier without the model when it is sure', async () => {
    const llm = fakeLlm({ json: { intent: 'invoice', confidence: 1 } })
    const config = intentConfig({ mode: 'hybrid', intents: englishIntents })
    const ctx = testContext({
      text: 'where is my package',
      llm,
      prepared: await preparedFor(config),
    })

    const result = await intent.run(ctx, config)

    expect(result).toMatchObject({ port: 'track_order', output: { source: 'local' } })
    expect(llm.requests).toHaveLength(0)
  })

  it('asks the model when the local classifier is unsure', async () => {
    const llm = fakeLlm({ json: { intent: 'invoice', confidence: 0.8 } })
    const config = intentConfig({ mode: 'hybrid', intents: englishIntents })
    const ctx = testContext({
      text: 'the amount charged looks odd',
      llm,
      prepared: await preparedFor(config),
    })

    const result = await intent.run(ctx, config)

    expect(llm.requests).toHaveLength(1)
    expect(result).toMatchObject({ port: 'invoice', output: { source: 'llm' } })
    expect(ctx.effects.notes[0]?.message).toMatch(/unsure/)
  })

  it('takes the error port when the model fails after the local classifier was unsure', async () => {
    const llm = fakeLlm({ text: '{"intent": ' })
    const config = intentConfig({ mode: 'hybrid', intents: englishIntents })
    const ctx = testContext({
      text: 'the amount charged looks odd',
      llm,
      prepared: await preparedFor(config),
    })

    await expect(intent.run(ctx, config)).rejects.toMatchObject({ code: 'model_answer_invalid' })
  })
})
