import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { builtinNodeTypes } from '../../nodes/index.ts'
import { createSentimentAnalyzer } from '../../runtime/analyzers/sentiment-analyzer.ts'
import { normalizeForMatch } from '../../runtime/engine/index.ts'
import { defineNode, type FlowInput, validateFlow } from '../../shared/index.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'

/** Understands only messages with "ok"; anything else takes `fallback`. */
const understand = defineNode({
  type: 'test-understand',
  version: 1,
  category: 'understand',
  titles: { 'zh-CN': '测试：理解', en: 'Test: understand' },
  config: z.object({}),
  outputs: () => ['ok', 'fallback'],
  run: (ctx) => ({ port: ctx.message.text.includes('ok') ? 'ok' : 'fallback' }),
})

/** start → listen (ask) → understand → ok: "明白" / fallback: "没听懂" → listen; handoff is `human`. */
function interruptFlow(interrupts: unknown[], extra: Partial<FlowInput> = {}): FlowInput {
  return buildFlow(
    'interrupts',
    [
      { id: 'start', type: 'start' },
      {
        id: 'listen',
        type: 'ask',
        config: { question: '请说', variable: 'said', maxAttempts: 10 },
      },
      { id: 'understand', type: 'test-understand' },
      { id: 'ok', type: 'reply', config: { text: '明白' } },
      { id: 'sorry', type: 'reply', config: { text: '{{ input }}' } },
      { id: 'human', type: 'handoff', config: { queueWithoutAgents: true, summaryByModel: false } },
      { id: 'closed', type: 'reply', config: { text: '下班了' } },
    ],
    [
      ['start', 'next', 'listen'],
      ['listen', 'answer', 'understand'],
      ['understand', 'ok', 'ok'],
      ['understand', 'fallback', 'sorry'],
      ['ok', 'next', 'listen'],
      ['sorry', 'next', 'listen'],
      ['human', 'unavailable', 'closed'],
    ],
    {
      variables: [{ name: 'said', type: 'string' }],
      settings: { interrupts } as FlowInput['settings'],
      ...extra,
    },
  )
}

let t: TestApp | undefined
afterEach(() => t?.close())

async function talk(app: TestApp, flow: FlowInput, texts: string[]) {
  await app.publish(flow)
  const started = await app.engine.startConversation({ flowId: flow.id })
  const turns = []
  for (const text of texts)
    turns.push(await app.engine.postMessage(started.conversationId, { text }))
  return turns
}

describe('global interrupts', () => {
  it('jumps to the target from a waiting node when a phrase appears, ignoring case, width and punctuation', async () => {
    t = createTestApp({ extraNodeTypes: [understand] })
    const flow = interruptFlow([
      { kind: 'phrases', phrases: ['转人工', 'Human Agent'], target: 'human' },
    ])

    const [zh, en] = await talk(t, flow, ['我要 转 人工！！', 'ok'])

    expect(zh).toMatchObject({ status: 'waiting_agent' })
    expect(normalizeForMatch('I want a HUMAN-agent.')).toContain(normalizeForMatch('human agent'))
    // Waiting for an agent, the customer's messages no longer run the flow or its interrupts.
    expect(en).toMatchObject({ status: 'waiting_agent', messages: [] })
  })

  it('jumps when the message is more negative than the threshold', async () => {
    t = createTestApp({ extraNodeTypes: [understand], analyzers: [createSentimentAnalyzer()] })
    const flow = interruptFlow([{ kind: 'sentiment', threshold: -0.5, target: 'human' }])

    const [calm, angry] = await talk(t, flow, ['ok 好的', '太差了！我要投诉，垃圾服务'])

    expect(calm).toMatchObject({ status: 'active', messages: [{ text: '明白' }, { text: '请说' }] })
    expect(angry).toMatchObject({ status: 'waiting_agent' })
  })

  it('jumps on the Nth fallback in a row, and an understood turn starts the count again', async () => {
    t = createTestApp({ extraNodeTypes: [understand] })
    const flow = interruptFlow([{ kind: 'fallbacks', count: 2, target: 'human' }])

    const turns = await talk(t, flow, ['嗯?', 'ok', '啊?', '什么?'])

    expect(turns.map((turn) => turn.status)).toEqual([
      'active',
      'active',
      'active',
      'waiting_agent',
    ])
    expect(turns[2]?.messages.map((m) => m.text)).toEqual(['啊?', '请说'])
    const trace = await t.conversations.trace(turns[3]?.conversationId ?? '')
    const last = trace.steps.filter((s) => s.turnId === turns[3]?.turnId)
    expect(last.map((s) => [s.nodeId, s.port])).toEqual([
      ['listen', 'answer'],
      ['understand', 'fallback'],
      ['human', null],
    ])
  })

  it("hands off when a compliance rule with action handoff blocks the bot's reply", async () => {
    t = createTestApp({ extraNodeTypes: [understand], isComplianceEnforced: true })
    const created = await t.request('POST', '/api/compliance/policies', {
      id: 'refunds',
      name: 'Refund promises',
      rules: [{ id: 'promise', kind: 'terms', terms: ['保证赔偿'], action: 'handoff' }],
    })
    expect(created.status).toBe(201)
    const flow = interruptFlow([{ kind: 'phrases', phrases: ['转人工'], target: 'human' }], {})
    const withPolicy = { ...flow, settings: { ...flow.settings, compliancePolicy: 'refunds' } }

    const [turn] = await talk(t, withPolicy, ['我们保证赔偿吗'])

    expect(turn?.status).toBe('waiting_agent')
    expect(turn?.messages[0]?.meta?.compliance).toMatchObject({ isHandoffRequested: true })
  })

  it('leaves a flow without interrupts as it was', async () => {
    t = createTestApp({ extraNodeTypes: [understand] })

    const [turn] = await talk(t, interruptFlow([]), ['转人工'])

    expect(turn).toMatchObject({
      status: 'active',
      messages: [{ text: '转人工' }, { text: '请说' }],
    })
  })

  it('reports an interrupt to a missing node and counts targets as reachable', () => {
    const registry = new Map([...builtinNodeTypes, understand].map((type) => [type.type, type]))

    const missing = validateFlow(
      interruptFlow([{ kind: 'phrases', phrases: ['x'], target: 'nowhere' }]),
      registry,
    )
    const fine = validateFlow(
      interruptFlow([{ kind: 'phrases', phrases: ['x'], target: 'human' }]),
      registry,
    )

    expect(missing.problems).toContainEqual(
      expect.objectContaining({
        code: 'interrupt_target_unknown',
        path: ['settings', 'interrupts', 0, 'target'],
      }),
    )
    expect(fine.problems.filter((p) => p.nodeId === 'human')).toEqual([])
  })
})
