import { describe, expect, it } from 'vitest'
import {
  ModelAnswerInvalidError,
  ServiceUnavailableError,
  testContext,
} from '../../shared/index.ts'
import { fakeLlm } from '../text/index.ts'
import sentiment from './index.ts'

const local = sentiment.config.parse({})
const llmMode = sentiment.config.parse({ mode: 'llm' })

describe('sentiment node', () => {
  it('takes negative with the score and flags for an angry Chinese message', async () => {
    const result = await sentiment.run(
      testContext({ text: '太差了！我要投诉，马上给我退款' }),
      local,
    )

    expect(result).toMatchObject({
      port: 'negative',
      output: { label: 'negative', isAngry: true, isUrgent: true },
    })
  })

  it('takes positive for a happy English message', async () => {
    const result = await sentiment.run(
      testContext({ text: 'Thanks, that was really helpful!' }),
      local,
    )

    expect(result).toMatchObject({ port: 'positive', output: { isAngry: false } })
  })

  it('takes neutral for a question, for emoji-free mixed scripts and for empty text', async () => {
    for (const text of ['我的order到了吗?', '', '   ']) {
      const result = await sentiment.run(testContext({ text }), local)
      expect(result).toMatchObject({ port: 'neutral' })
    }
  })

  it('uses the configured thresholds', async () => {
    const strict = sentiment.config.parse({ positiveThreshold: 0.9 })

    const result = await sentiment.run(testContext({ text: '不错' }), strict)

    expect(result).toMatchObject({ port: 'neutral' })
  })

  it('refuses thresholds in the wrong order', () => {
    const parsed = sentiment.config.safeParse({ positiveThreshold: -0.5, negativeThreshold: 0 })

    expect(parsed.success).toBe(false)
  })

  describe('llm mode', () => {
    it('takes the port of the model’s score', async () => {
      const llm = fakeLlm({ json: { score: -0.7, isAngry: true, isUrgent: false } })

      const result = await sentiment.run(testContext({ text: '呵呵，真是好服务', llm }), llmMode)

      expect(result).toEqual({
        port: 'negative',
        output: { score: -0.7, label: 'negative', isAngry: true, isUrgent: false },
      })
      expect(llm.requests[0]).toMatchObject({ isJson: true, timeoutMs: 15_000 })
    })

    it('throws ModelAnswerInvalidError for malformed JSON', async () => {
      const ctx = testContext({ text: 'hi', llm: fakeLlm({ text: 'positive, I think' }) })

      await expect(async () => sentiment.run(ctx, llmMode)).rejects.toThrow(ModelAnswerInvalidError)
    })

    it('throws ModelAnswerInvalidError for a score out of range', async () => {
      const ctx = testContext({ text: 'hi', llm: fakeLlm({ json: { score: 7 } }) })

      await expect(async () => sentiment.run(ctx, llmMode)).rejects.toThrow('score')
    })

    it('throws the service error when the model times out', async () => {
      const timeout = new ServiceUnavailableError('llm', 'no answer within 15000 ms')
      const ctx = testContext({ text: 'hi', llm: fakeLlm({ error: timeout }) })

      await expect(async () => sentiment.run(ctx, llmMode)).rejects.toThrow(ServiceUnavailableError)
    })

    it('does not ask the model about an empty message', async () => {
      const llm = fakeLlm({ json: { score: 1 } })

      const result = await sentiment.run(testContext({ text: '', llm }), llmMode)

      expect(result).toMatchObject({ port: 'neutral' })
      expect(llm.requests).toHaveLength(0)
    })
  })
})
