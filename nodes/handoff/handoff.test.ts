import { describe, expect, it } from 'vitest'
import {
  type HandoffAvailability,
  type HandoffRequest,
  type HandoffService,
  type JsonValue,
  testContext,
} from '../../shared/index.ts'
import { fakeLlm } from '../text/index.ts'
import handoff from './index.ts'
import { fillQueueMessage } from './queue-message.ts'

function fakeDesk(availability: Partial<HandoffAvailability> = {}) {
  const requests: HandoffRequest[] = []
  const service: HandoffService = {
    check: async () => ({ isAvailable: true, agentsOnline: 1, waiting: 0, ...availability }),
    request: async (request) => {
      requests.push(request)
      return { position: 2, estimatedWaitMs: 150_000 }
    },
    estimateWaitMs: async () => 0,
  }
  return { service, requests }
}

const history = [
  { id: '1', role: 'customer' as const, text: '我的订单 A1024 还没到', createdAt: '' },
  { id: '2', role: 'bot' as const, text: '请稍等，我帮您查询物流。', createdAt: '' },
  { id: '3', role: 'customer' as const, text: '太慢了，转人工', createdAt: '' },
]

describe('handoff node', () => {
  it('queues with the summary, tells the customer their place and waits', async () => {
    const desk = fakeDesk()
    const config = handoff.config.parse({ queue: 'after-sales', priority: 'high' })
    const ctx = testContext({
      handoff: desk.service,
      history,
      nodes: {
        intent: { intent: 'logistics', confidence: 0.9 },
        ex: { slots: { orderId: 'A1024' } },
      },
      sys: { sentiment: -0.7, sentimentLabel: 'negative', interrupt: { kind: 'phrases' } },
    })

    const result = await handoff.run(ctx, config)

    expect(result).toMatchObject({ wait: { state: { queue: 'after-sales' } } })
    expect(desk.requests[0]).toMatchObject({
      queue: 'after-sales',
      priority: 'high',
      reason: '客户要求转人工',
      timeoutMs: 600_000,
      summary: {
        source: 'extractive',
        intent: 'logistics',
        entities: { orderId: 'A1024' },
        sentiment: -0.7,
        customerSaid: ['我的订单 A1024 还没到', '太慢了，转人工'],
      },
    })
    expect(ctx.effects.messages[0]?.text).toBe(
      '正在为您转接人工客服，您当前排在第 2 位，预计等待约 3 分钟。',
    )
  })

  it('takes unavailable outside business hours without queueing', async () => {
    const desk = fakeDesk({ isAvailable: false, reason: 'outside_hours' })

    const result = await handoff.run(
      testContext({ handoff: desk.service }),
      handoff.config.parse({ queueWithoutAgents: true }),
    )

    expect(result).toMatchObject({ port: 'unavailable', output: { unavailable: 'outside_hours' } })
    expect(desk.requests).toEqual([])
  })

  it('takes unavailable with nobody online, unless told to queue anyway', async () => {
    const desk = fakeDesk({ isAvailable: false, reason: 'no_agents', agentsOnline: 0 })

    const refused = await handoff.run(
      testContext({ handoff: desk.service }),
      handoff.config.parse({}),
    )
    const queued = await handoff.run(
      testContext({ handoff: desk.service }),
      handoff.config.parse({ queueWithoutAgents: true }),
    )

    expect(refused).toMatchObject({ port: 'unavailable', output: { unavailable: 'no_agents' } })
    expect(queued).toMatchObject({ wait: {} })
  })

  it('keeps waiting silently when the customer writes while in the queue', async () => {
    const ctx = testContext({ text: '还要多久？', waitState: { queue: 'default' } })

    const result = await handoff.resume?.(ctx, handoff.config.parse({}))

    expect(result).toEqual({ wait: { state: { queue: 'default' } } })
    expect(ctx.effects.messages).toEqual([])
  })

  it('lets a configured model write the summary', async () => {
    const desk = fakeDesk()
    const llm = fakeLlm({ text: '客户催物流，情绪激动。' })

    await handoff.run(
      testContext({ handoff: desk.service, llm, history }),
      handoff.config.parse({}),
    )

    expect(desk.requests[0]?.summary).toMatchObject({
      text: '客户催物流，情绪激动。',
      source: 'model',
    })
    expect(llm.requests[0]?.messages[1]?.content).toContain('Customer: 太慢了，转人工')
  })

  it('falls back to the extractive summary when the model fails', async () => {
    const desk = fakeDesk()
    const llm = fakeLlm({ error: new Error('timeout') })
    const ctx = testContext({ handoff: desk.service, llm, history })

    await handoff.run(ctx, handoff.config.parse({}))

    expect(desk.requests[0]?.summary).toMatchObject({ source: 'extractive' })
    const summary = desk.requests[0]?.summary as { text: string } | undefined
    expect(summary?.text).toContain('转人工')
    expect(ctx.effects.notes[0]?.message).toContain('extractive')
  })

  it('writes the extractive summary in Chinese words: the intent’s label and 中性, not codes', async () => {
    const desk = fakeDesk()
    const ctx = testContext({
      handoff: desk.service,
      nodes: { intent: { intent: 'returns', label: '退货', confidence: 0.9 } },
      sys: { sentiment: 0, sentimentLabel: 'neutral' },
    })

    await handoff.run(ctx, handoff.config.parse({ summaryByModel: false }))

    expect(desk.requests[0]?.summary).toMatchObject({
      text: '意图：退货；情绪：中性（0）。',
      intent: 'returns',
      intentLabel: '退货',
      sentimentLabel: 'neutral',
    })
  })

  it('writes it in English for an English conversation, the name when no label is there', async () => {
    const desk = fakeDesk()
    const run = (nodes: Record<string, JsonValue>, sentimentLabel: string) =>
      handoff.run(
        testContext({
          handoff: desk.service,
          locale: 'en-US',
          nodes,
          sys: { sentiment: -0.6, sentimentLabel },
        }),
        handoff.config.parse({ summaryByModel: false }),
      )

    await run({ intent: { intent: 'returns', label: 'Returns' } }, 'negative')
    await run({ intent: { intent: 'returns', label: null } }, 'positive')

    expect(desk.requests.map((r) => (r.summary as { text: string }).text)).toEqual([
      'Intent: Returns. Sentiment: negative (-0.6).',
      'Intent: returns. Sentiment: positive (-0.6).',
    ])
    expect(desk.requests[1]?.summary).toMatchObject({ intent: 'returns', intentLabel: null })
  })

  it('takes the error port when the desk is not there', async () => {
    await expect(handoff.run(testContext({}), handoff.config.parse({}))).rejects.toMatchObject({
      code: 'service_unavailable',
    })
  })
})

describe('fillQueueMessage', () => {
  it('fills position, customers ahead and whole minutes (at least one)', () => {
    expect(
      fillQueueMessage('{position}/{ahead}/{minutes}', { position: 1, estimatedWaitMs: 5 }),
    ).toBe('1/0/1')
  })
})
