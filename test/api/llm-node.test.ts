import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { ComplianceHook } from '../../runtime/engine/index.ts'
import { defineNode, type JsonValue } from '../../shared/index.ts'
import { OpenAiStub } from '../stubs/openai-stub.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { readSseJson } from './sse.ts'

// The llm node end to end: HTTP API → engine → llm node → LlmService → the real openai SDK →
// the OpenAI stub on loopback.

const apiKey = 'sk-test-llm-node-0000000000'
let stub: OpenAiStub
let t: TestApp

beforeAll(async () => {
  stub = await OpenAiStub.start({ apiKey, deltaSize: 3 })
})
afterAll(() => stub.close())
afterEach(() => {
  stub.reset()
  t?.close()
})

/** Stands in for the retrieve node: leaves fixed hits in nodes.<id>.hits. */
const fixedHits = defineNode({
  type: 'test-hits',
  version: 1,
  category: 'knowledge',
  titles: { 'zh-CN': '测试：固定检索结果', en: 'Test: fixed hits' },
  config: z.object({}),
  outputs: () => ['found'],
  run: () => ({
    port: 'found',
    output: {
      hits: [
        {
          text: '签收后7天内可以无理由退货。因个人原因退货的，退货运费由买家承担；因质量问题退货的，运费由商家承担。',
          source: '退货政策',
          documentId: 'return-policy.md',
          chunkId: 'c1',
          score: 2.5,
        },
        {
          text: '订单在付款后48小时内发货，偏远地区可能延迟1至3天。',
          source: '配送说明',
          documentId: 'shipping.md',
          chunkId: 'c2',
          score: 1.1,
        },
      ],
    },
  }),
})

function app(options: { isOnline: boolean; compliance?: ComplianceHook }): TestApp {
  return createTestApp({
    extraNodeTypes: [fixedHits],
    compliance: options.compliance,
    envProviders: options.isOnline
      ? [{ name: 'default', baseUrl: stub.baseUrl, apiKey, chatModel: 'gpt-4o-mini' }]
      : [],
  })
}

/** start → ask (waits) → hits → llm → back to ask; the llm's error port says sorry. */
function qaFlow(llmConfig: Record<string, unknown> = {}) {
  return buildFlow(
    'qa',
    [
      { id: 'start', type: 'start' },
      { id: 'listen', type: 'ask', config: { question: '', variable: 'q', maxAttempts: 10 } },
      { id: 'search', type: 'test-hits' },
      {
        id: 'answer',
        type: 'llm',
        config: { knowledgeFrom: 'search', timeoutMs: 1000, retries: 0, ...llmConfig },
      },
      { id: 'sorry', type: 'reply', config: { text: '抱歉，系统繁忙，请稍后再试。' } },
      { id: 'show', type: 'reply', config: { text: '{{ nodes.answer.json.intent }}' } },
    ],
    [
      ['start', 'next', 'listen'],
      ['listen', 'answer', 'search'],
      ['search', 'found', 'answer'],
      ['answer', 'default', llmConfig.jsonSchema ? 'show' : 'listen'],
      ['show', 'next', 'listen'],
      ['answer', 'error', 'sorry'],
      ['sorry', 'next', 'listen'],
    ],
    { variables: [{ name: 'q', type: 'string' }] },
  )
}

interface Reply {
  status: string
  messages: { text: string; nodeId?: string; meta?: Record<string, JsonValue> }[]
}

async function startConversation(testApp: TestApp): Promise<string> {
  const response = await testApp.request('POST', '/api/conversations', { flowId: 'qa' })
  expect(response.status).toBe(201)
  return ((await response.json()) as { conversationId: string }).conversationId
}

async function say(testApp: TestApp, conversationId: string, text: string): Promise<Reply> {
  const response = await testApp.request('POST', `/api/conversations/${conversationId}/messages`, {
    text,
  })
  expect(response.status).toBe(200)
  return (await response.json()) as Reply
}

describe('llm node through the OpenAI SDK', () => {
  it('streams the model answer sentence by sentence through the compliance hook', async () => {
    const sentences: string[] = []
    t = app({
      isOnline: true,
      compliance: {
        checkMessage: async (message) => message,
        checkSentence: async (sentence) => {
          sentences.push(sentence)
          return sentence
        },
      },
    })
    await t.publish(qaFlow())
    stub.reply('您好！个人原因退货的运费由买家承担 [1]。质量问题由商家承担。')
    const id = await startConversation(t)

    const reply = await say(t, id, '退货运费谁出？')

    expect(sentences).toEqual([
      '您好！',
      '个人原因退货的运费由买家承担 [1]。',
      '质量问题由商家承担。',
    ])
    expect(reply.messages).toHaveLength(1)
    expect(reply.messages[0]).toMatchObject({
      text: '您好！个人原因退货的运费由买家承担 [1]。质量问题由商家承担。',
      nodeId: 'answer',
      meta: {
        isStreamed: true,
        model: 'gpt-4o-mini',
        citations: [{ index: 1, source: '退货政策' }],
      },
    })
    expect(reply.messages[0]?.meta?.isOffline).toBeUndefined()
  })

  it('streams the answer to the channel as sentence deltas over SSE', async () => {
    t = app({ isOnline: true })
    await t.publish(qaFlow())
    stub.reply('个人原因退货的运费由买家承担。质量问题由商家承担。')
    const id = await startConversation(t)

    const response = await t.request(
      'POST',
      `/api/conversations/${id}/messages`,
      { text: '运费谁出？' },
      { accept: 'text/event-stream' },
    )
    const events = await readSseJson(response)

    const deltas = events
      .filter((e) => e.event === 'delta')
      .map((e) => (e.data as { text: string }).text)
    expect(deltas).toEqual(['个人原因退货的运费由买家承担。', '质量问题由商家承担。'])
  })

  it('takes the error port when the node names a provider that does not exist', async () => {
    t = app({ isOnline: true })
    await t.publish(qaFlow({ provider: 'removed-provider' }))
    const id = await startConversation(t)

    const reply = await say(t, id, '运费谁出？')

    expect(reply.messages.map((m) => m.text)).toEqual(['抱歉，系统繁忙，请稍后再试。'])
  })

  it('sends the knowledge, the history and the question to the model', async () => {
    t = app({ isOnline: true })
    await t.publish(qaFlow({ systemPrompt: '你是星河商城的客服。' }))
    stub.reply('好的。')
    const id = await startConversation(t)
    await say(t, id, '你好')

    await say(t, id, '运费谁出？')

    const messages = stub.requests.at(-1)?.body as { messages: { role: string; content: string }[] }
    expect(messages.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user'])
    expect(messages.messages[0]?.content).toContain('你是星河商城的客服。')
    expect(messages.messages[0]?.content).toContain('[1] 退货政策：')
    expect(messages.messages.at(-1)?.content).toBe('运费谁出？')
  })

  it('counts the tokens of the streamed answer on the turn', async () => {
    t = app({ isOnline: true })
    await t.publish(qaFlow())
    stub.reply('退货运费由买家承担。')
    const id = await startConversation(t)
    await say(t, id, '运费谁出？')

    const trace = await (await t.request('GET', `/api/conversations/${id}/trace`)).json()

    const turn = trace.turns.at(-1)
    expect(turn.llmCalls).toBe(1)
    expect(turn.promptTokens).toBeGreaterThan(20)
    expect(turn.completionTokens).toBeGreaterThan(0)
  })

  it('outputs a JSON answer that matches the schema for later nodes', async () => {
    t = app({ isOnline: true })
    const jsonSchema = JSON.stringify({
      type: 'object',
      properties: { intent: { enum: ['refund', 'track'] } },
      required: ['intent'],
    })
    await t.publish(qaFlow({ jsonSchema }))
    stub.reply({ json: { intent: 'refund' } })
    const id = await startConversation(t)

    const reply = await say(t, id, '我要退款')

    expect(stub.requests.at(-1)?.body).toMatchObject({ response_format: { type: 'json_object' } })
    expect(reply.messages.map((m) => m.text)).toEqual(['refund'])
  })

  it('takes the error port when the JSON answer breaks the schema', async () => {
    t = app({ isOnline: true })
    const jsonSchema =
      '{"type":"object","properties":{"intent":{"enum":["refund"]}},"required":["intent"]}'
    await t.publish(qaFlow({ jsonSchema }))
    stub.reply({ json: { mood: 'angry' } })
    const id = await startConversation(t)

    const reply = await say(t, id, '我要退款')
    const trace = await (await t.request('GET', `/api/conversations/${id}/trace`)).json()

    expect(reply.messages.map((m) => m.text)).toEqual(['抱歉，系统繁忙，请稍后再试。'])
    const steps = trace.turns.flatMap((turn: { steps: unknown[] }) => turn.steps)
    const failed = steps.find((step: { nodeId: string }) => step.nodeId === 'answer')
    expect(failed.error).toMatchObject({ code: 'model_answer_invalid' })
    expect(failed.error.message).toMatch(/intent/)
  })

  describe('a provider that fails takes the error port, and the conversation goes on', () => {
    const failures = [
      ['refuses with HTTP 500', { error: { status: 500, message: 'upstream overloaded' } }],
      ['never answers (times out)', { hang: true }],
      ['streams garbage', { garbage: true }],
    ] as const

    for (const [name, failure] of failures) {
      it(name, async () => {
        t = app({ isOnline: true })
        await t.publish(qaFlow())
        const id = await startConversation(t)
        stub.reply(failure)

        const failed = await say(t, id, '运费谁出？')
        stub.reply('退货运费由买家承担。')
        const next = await say(t, id, '运费谁出？')

        expect(failed.messages.map((m) => m.text)).toEqual(['抱歉，系统繁忙，请稍后再试。'])
        expect(failed.status).toBe('active')
        expect(next.messages.map((m) => m.text)).toEqual(['退货运费由买家承担。'])
      })
    }
  })

  it('retries a refused call before giving up', async () => {
    t = app({ isOnline: true })
    await t.publish(qaFlow({ retries: 1 }))
    const id = await startConversation(t)
    // The SDK itself retries a 500 twice: three refusals use up the node's first attempt.
    stub
      .replyOnce({ error: { status: 500, message: 'busy' } })
      .replyOnce({ error: { status: 500, message: 'busy' } })
      .replyOnce({ error: { status: 500, message: 'busy' } })
      .reply('退货运费由买家承担。')

    const reply = await say(t, id, '运费谁出？')

    expect(reply.messages.map((m) => m.text)).toEqual(['退货运费由买家承担。'])
  })
})

describe('llm node with the offline provider', () => {
  it('answers extractively from the injected knowledge, marked offline', async () => {
    t = app({ isOnline: false })
    await t.publish(qaFlow())
    const id = await startConversation(t)

    const reply = await say(t, id, '退货运费谁出？')

    const [message] = reply.messages
    expect(message?.text).toContain('因个人原因退货的，退货运费由买家承担')
    expect(message?.text).not.toContain('参考资料')
    expect(message?.meta).toMatchObject({
      isOffline: true,
      model: 'offline',
      citations: [{ index: 1, source: '退货政策', documentId: 'return-policy.md' }],
    })
  })

  it('answers a shipping question from the shipping source', async () => {
    t = app({ isOnline: false })
    await t.publish(qaFlow())
    const id = await startConversation(t)

    const reply = await say(t, id, '付款后多久发货？')

    expect(reply.messages[0]?.text).toBe('订单在付款后48小时内发货，偏远地区可能延迟1至3天。')
    expect(reply.messages[0]?.meta?.citations).toEqual([
      { index: 2, source: '配送说明', title: null, documentId: 'shipping.md' },
    ])
  })
})
