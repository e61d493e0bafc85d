import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { OpenAiStub } from '../stubs/openai-stub.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'

/** Detects the language, then asks for a phone number and a time until both are given. */
const bookingFlow = buildFlow(
  'booking',
  [
    { id: 'start', type: 'start' },
    { id: 'greet', type: 'ask', config: { question: '您好', variable: 'first' } },
    { id: 'lang', type: 'language', config: {} },
    {
      id: 'slots',
      type: 'extract',
      config: {
        slots: [
          {
            name: 'phone',
            entity: 'mobile',
            variable: 'phone',
            prompt: '请问手机号？',
            promptVariants: { en: 'Your mobile number?' },
          },
          {
            name: 'when',
            entity: 'datetime',
            variable: 'visitAt',
            prompt: '什么时间？',
            promptVariants: { en: 'What time?' },
          },
        ],
      },
    },
    {
      id: 'askMore',
      type: 'ask',
      config: { question: '{{ nodes.slots.prompt }}', variable: 'more' },
    },
    {
      id: 'done',
      type: 'reply',
      config: { text: '已预约 {{ vars.visitAt }}', variants: { en: 'Booked {{ vars.visitAt }}' } },
    },
  ],
  [
    ['start', 'next', 'greet'],
    ['greet', 'answer', 'lang'],
    ['lang', 'zh', 'slots'],
    ['lang', 'en', 'slots'],
    ['lang', 'other', 'slots'],
    ['slots', 'missing', 'askMore'],
    ['askMore', 'answer', 'slots'],
    ['slots', 'complete', 'done'],
  ],
  {
    variables: [
      { name: 'first', type: 'string' },
      { name: 'more', type: 'string' },
      { name: 'phone', type: 'string' },
      { name: 'visitAt', type: 'string' },
    ],
  },
)

describe('understanding nodes in a flow', () => {
  it('switches to English and asks for what is missing until the booking is complete', async () => {
    const t = createTestApp({
      clock: { now: () => Date.parse('2026-01-01T02:00:00Z'), timeZone: 'Asia/Shanghai' },
    })
    try {
      await t.publish(bookingFlow)
      const { conversationId } = await t.engine.startConversation({ flowId: 'booking' })

      const first = await t.engine.postMessage(conversationId, {
        text: 'Hi, I would like to book a visit tomorrow at 3pm',
      })
      const second = await t.engine.postMessage(conversationId, { text: '13800138000' })

      expect(first.messages.map((m) => m.text)).toEqual(['Your mobile number?'])
      expect(second.messages.map((m) => m.text)).toEqual(['Booked 2026-01-02T15:00:00+08:00'])
      const conversation = await t.conversations.get(conversationId)
      expect(conversation.locale).toBe('en')
      expect(conversation.state.vars).toMatchObject({ phone: '13800138000' })
    } finally {
      t.close()
    }
  })
})

describe('sentiment node in llm mode, through the real SDK and the OpenAI stub', () => {
  const apiKey = 'sk-test-sentiment-0000000000'
  let stub: OpenAiStub
  let t: TestApp

  beforeAll(async () => {
    stub = await OpenAiStub.start({ apiKey })
  })
  afterAll(() => stub.close())
  afterEach(() => {
    stub.reset()
    t?.close()
  })

  /** start → ask → sentiment (llm) → a reply per port; error says sorry. */
  const moodFlow = buildFlow(
    'mood-llm',
    [
      { id: 'start', type: 'start' },
      { id: 'listen', type: 'ask', config: { question: '', variable: 'said', maxAttempts: 10 } },
      { id: 'mood', type: 'sentiment', config: { mode: 'llm', timeoutMs: 500 } },
      { id: 'sad', type: 'reply', config: { text: '非常抱歉' } },
      { id: 'fine', type: 'reply', config: { text: '好的' } },
      { id: 'sorry', type: 'reply', config: { text: '系统繁忙' } },
    ],
    [
      ['start', 'next', 'listen'],
      ['listen', 'answer', 'mood'],
      ['mood', 'negative', 'sad'],
      ['mood', 'neutral', 'fine'],
      ['mood', 'positive', 'fine'],
      ['mood', 'error', 'sorry'],
    ],
    { variables: [{ name: 'said', type: 'string' }] },
  )

  async function say(text: string) {
    t = createTestApp({
      envProviders: [{ name: 'default', baseUrl: stub.baseUrl, apiKey, chatModel: 'gpt-4o-mini' }],
    })
    await t.publish(moodFlow)
    const { conversationId } = await t.engine.startConversation({ flowId: 'mood-llm' })
    const result = await t.engine.postMessage(conversationId, { text })
    const { steps } = await t.conversations.trace(conversationId)
    return { replies: result.messages.map((m) => m.text), moodStep: steps.at(-2) }
  }

  it("takes the port of the model's score", async () => {
    stub.reply({ json: { score: -0.6, isAngry: false, isUrgent: false } })

    const { replies, moodStep } = await say('呵呵，真是好服务')

    expect(replies).toEqual(['非常抱歉'])
    expect(moodStep).toMatchObject({ nodeId: 'mood', port: 'negative' })
  })

  it('takes the error port with the reason when the model answers malformed JSON', async () => {
    stub.reply({ text: 'negative, I think' })

    const { replies, moodStep } = await say('hello')

    expect(replies).toEqual(['系统繁忙'])
    expect(moodStep).toMatchObject({
      nodeId: 'mood',
      port: 'error',
      error: { code: 'model_answer_invalid' },
    })
  })

  it('takes the error port with the reason when the model times out', async () => {
    stub.reply({ hang: true })

    const { replies, moodStep } = await say('hello')

    expect(replies).toEqual(['系统繁忙'])
    expect(moodStep).toMatchObject({ port: 'error', error: { code: 'service_unavailable' } })
    expect(JSON.stringify(moodStep)).toMatch(/tim/i)
  })
})
