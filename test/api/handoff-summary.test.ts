import { afterEach, describe, expect, it } from 'vitest'
import { createSentimentAnalyzer } from '../../runtime/analyzers/sentiment-analyzer.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'

// The agent reads the extractive summary in the conversation's language: the intent by its
// label for that language (not the port name), the sentiment as a word, not a code.

let t: TestApp | undefined

afterEach(() => t?.close())

const intents = [
  {
    name: 'returns',
    labels: { 'zh-CN': '退货', en: 'Returns' },
    examples: ['我要退货', '怎么退货', '这个能退吗', 'I want to return this', 'how do I return it'],
  },
  {
    name: 'shipping',
    labels: { 'zh-CN': '查物流' },
    examples: ['快递到哪了', '物流怎么查', '还没发货吗', 'where is my parcel', 'track my order'],
  },
]

/** start → listen (ask) → understand (intent) → human (handoff) on any intent. */
function summaryFlow() {
  return buildFlow(
    'summary-flow',
    [
      { id: 'start', type: 'start' },
      { id: 'listen', type: 'ask', config: { question: '', variable: 'q', maxAttempts: 10 } },
      { id: 'understand', type: 'intent', config: { intents, threshold: 0.1 } },
      {
        id: 'human',
        type: 'handoff',
        config: { queueWithoutAgents: true, summaryByModel: false },
      },
      { id: 'lost', type: 'reply', config: { text: '?' } },
    ],
    [
      ['start', 'next', 'listen'],
      ['listen', 'answer', 'understand'],
      ['understand', 'returns', 'human'],
      ['understand', 'shipping', 'human'],
      ['understand', 'fallback', 'lost'],
      ['lost', 'next', 'listen'],
    ],
    { variables: [{ name: 'q', type: 'string' }] },
  )
}

async function summaryOf(locale: string, text: string) {
  // The server's own analyzer sets sys.sentimentLabel, as in production.
  t = createTestApp({ analyzers: [createSentimentAnalyzer()] })
  await t.publish(summaryFlow())
  const started = await t.request('POST', '/api/conversations', { flowId: 'summary-flow', locale })
  const { id } = (await started.json()) as { id: string }
  const turn = await t.request('POST', `/api/conversations/${id}/messages`, { text })
  expect(((await turn.json()) as { status: string }).status).toBe('waiting_agent')
  const view = await t.request('GET', `/api/agent/conversations/${id}`)
  return ((await view.json()) as { summary: Record<string, unknown> }).summary
}

describe('handoff: the summary in the conversation’s language', () => {
  it('names the intent by its Chinese label and the sentiment in Chinese', async () => {
    const summary = await summaryOf('zh-CN', '我要退货')

    expect(summary).toMatchObject({
      intent: 'returns',
      intentLabel: '退货',
      sentimentLabel: 'negative',
    })
    expect(summary.text).toMatch(/^意图：退货；情绪：负面（-0\.\d+）/)
    expect(summary.text).not.toMatch(/returns|negative/)
  })

  it('names it by its English label in an English conversation', async () => {
    const summary = await summaryOf('en', 'I want to return this')

    expect(summary).toMatchObject({ intent: 'returns', intentLabel: 'Returns' })
    expect(summary.text).toMatch(/^Intent: Returns\. Sentiment: neutral \(/)
  })

  it('keeps the name when the intent has no label for the language', async () => {
    const summary = await summaryOf('en', 'where is my parcel')

    expect(summary).toMatchObject({ intent: 'shipping', intentLabel: null })
    expect(summary.text).toMatch(/^Intent: shipping\./)
  })
})
