import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chineseIntents } from '../../nodes/intent/intent-test-configs.ts'
import { OpenAiStub } from '../stubs/openai-stub.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'

// The intent node end to end: published (trained at publish, loaded with the version), routing
// real conversations, resolving a follow-up from the stored transcript, and in llm mode through
// the real openai SDK against the stub.

const apiKey = 'sk-test-intent-node-000000000'
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

function app(): TestApp {
  return createTestApp({
    envProviders: [{ name: 'default', baseUrl: stub.baseUrl, apiKey, chatModel: 'gpt-4o-mini' }],
  })
}

/** start → listen (ask) → understand (intent) → one reply per port → back to listen. */
function intentFlow(intentConfig: Record<string, unknown> = {}) {
  const ports = [...chineseIntents.map((intent) => intent.name), 'fallback', 'error']
  return buildFlow(
    'router',
    [
      { id: 'start', type: 'start' },
      { id: 'listen', type: 'ask', config: { question: '', variable: 'q', maxAttempts: 10 } },
      { id: 'understand', type: 'intent', config: { intents: chineseIntents, ...intentConfig } },
      ...ports.map((port) => ({ id: `say-${port}`, type: 'reply', config: { text: port } })),
    ],
    [
      ['start', 'next', 'listen'],
      ['listen', 'answer', 'understand'],
      ...ports.map((port): [string, string, string] => ['understand', port, `say-${port}`]),
      ...ports.map((port): [string, string, string] => [`say-${port}`, 'next', 'listen']),
    ],
    { variables: [{ name: 'q', type: 'string' }] },
  )
}

async function converse(
  testApp: TestApp,
  texts: string[],
): Promise<{ id: string; replies: string[] }> {
  const created = await testApp.request('POST', '/api/conversations', { flowId: 'router' })
  const { conversationId } = (await created.json()) as { conversationId: string }
  const replies: string[] = []
  for (const text of texts) {
    const response = await testApp.request(
      'POST',
      `/api/conversations/${conversationId}/messages`,
      { text },
    )
    const body = (await response.json()) as { messages: { text: string }[] }
    replies.push(body.messages.map((message) => message.text).join(' | '))
  }
  return { id: conversationId, replies }
}

describe('intent node in a published flow', () => {
  it('routes each message to the port of its intent and resolves a follow-up from the transcript', async () => {
    t = app()
    await t.publish(intentFlow())

    const { replies } = await converse(t, ['快递怎么还没送到', '换货的运费谁出？', '那退货呢？'])

    expect(replies).toEqual(['track_order', 'exchange_fee', 'return_fee'])
  })

  it('refuses to publish an intent with too few examples, naming the field', async () => {
    t = app()
    const intents = [...chineseIntents, { name: 'greet', examples: ['你好', '在吗'] }]
    await t.request('POST', '/api/flows', intentFlow({ intents }))

    const response = await t.request('POST', '/api/flows/router/publish', {})

    expect(response.status).toBe(422)
    const body = (await response.json()) as {
      error: { code: string; details: { problems: { path: unknown[] }[] } }
    }
    expect(body.error.code).toBe('flow_invalid')
    expect(body.error.details.problems.map((problem) => problem.path)).toContainEqual([
      'nodes',
      2,
      'data',
      'config',
      'intents',
      5,
      'examples',
    ])
  })

  it('asks the model in llm mode through the OpenAI SDK', async () => {
    t = app()
    await t.publish(intentFlow({ mode: 'llm' }))
    stub.reply({ json: { intent: 'invoice', confidence: 0.92 } })

    const { replies } = await converse(t, ['公司要报销'])

    expect(replies).toEqual(['invoice'])
    expect(stub.requests.at(-1)?.body).toMatchObject({ response_format: { type: 'json_object' } })
  })

  it('takes the error port with the reason in the trace when the model answers malformed JSON', async () => {
    t = app()
    await t.publish(intentFlow({ mode: 'llm' }))
    stub.reply('I think it is about invoices')

    const { id, replies } = await converse(t, ['公司要报销'])

    expect(replies).toEqual(['error'])
    const trace = (await (await t.request('GET', `/api/conversations/${id}/trace`)).json()) as {
      turns: { steps: { nodeId: string; port: string | null; error: unknown }[] }[]
    }
    const step = trace.turns.flatMap((turn) => turn.steps).find((s) => s.nodeId === 'understand')
    expect(step?.port).toBe('error')
    expect(JSON.stringify(step?.error)).toContain('model_answer_invalid')
  })
})
