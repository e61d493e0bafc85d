import { describe, expect, it } from 'vitest'
import { buildFlow } from '../../test/support/flow-builder.ts'
import { createTestApp } from '../../test/support/test-app.ts'
import { createSentimentAnalyzer } from './sentiment-analyzer.ts'

/** Echoes what the analyzer kept for each message. */
const moodFlow = buildFlow(
  'mood',
  [
    { id: 'start', type: 'start' },
    { id: 'listen', type: 'ask', config: { question: '', variable: 'said', maxAttempts: 10 } },
    {
      id: 'echo',
      type: 'reply',
      config: { text: '{{ sys.sentimentLabel }} {{ sys.isAngry }} {{ sys.isUrgent }}' },
    },
  ],
  [
    ['start', 'next', 'listen'],
    ['listen', 'answer', 'echo'],
    ['echo', 'next', 'listen'],
  ],
  { variables: [{ name: 'said', type: 'string' }] },
)

describe('sentiment analyzer', () => {
  it('returns the local score, label and flags as signals', () => {
    const analyze = createSentimentAnalyzer()

    const signals = analyze({ text: '太差了！我要投诉，马上处理', locale: 'zh-CN' }, {})

    expect(signals).toMatchObject({ sentimentLabel: 'negative', isAngry: true, isUrgent: true })
    expect((signals as { sentiment: number }).sentiment).toBeLessThan(-0.5)
  })

  it('keeps the latest mood in sys.* on every turn of a conversation', async () => {
    const t = createTestApp({ analyzers: [createSentimentAnalyzer()] })
    try {
      await t.publish(moodFlow)
      const { conversationId } = await t.engine.startConversation({ flowId: 'mood' })

      const calm = await t.engine.postMessage(conversationId, { text: '你好，谢谢' })
      const angry = await t.engine.postMessage(conversationId, { text: 'This is a SCAM!!' })
      const neutral = await t.engine.postMessage(conversationId, { text: '我的订单号是多少' })

      expect(calm.messages[0]?.text).toBe('positive false false')
      expect(angry.messages[0]?.text).toBe('negative true false')
      expect(neutral.messages[0]?.text).toBe('neutral false false')
      const { signals } = (await t.conversations.get(conversationId)).state
      expect(signals).toEqual({
        sentiment: 0,
        sentimentLabel: 'neutral',
        isAngry: false,
        isUrgent: false,
      })
    } finally {
      t.close()
    }
  })
})
