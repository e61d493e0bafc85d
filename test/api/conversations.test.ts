import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TurnResult } from '../../runtime/engine/index.ts'
import type { Conversation, StoredTurn, TraceStep } from '../../runtime/storage/index.ts'
import type { JsonObject, JsonValue, TranscriptMessage } from '../../shared/index.ts'
import { buildFlow, echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { loadExampleFlow } from './example-flow.ts'
import { expectError } from './expect-error.ts'
import { readSseJson } from './sse.ts'

/** POST /api/conversations answers the start turn plus the conversation's `id`. */
type StartAnswer = TurnResult & { id: string }

/** GET /api/conversations/:id */
type ConversationView = Omit<Conversation, 'state'> & {
  variables: Record<string, JsonValue>
  profile: JsonObject
  waitingNodeId: string | null
  messages: TranscriptMessage[]
}

/** GET /api/conversations/:id/trace */
interface TraceView {
  conversationId: string
  flowId: string
  flowVersion: number
  turns: (Omit<StoredTurn, 'result' | 'conversationId'> & { steps: Omit<TraceStep, 'turnId'>[] })[]
}

const sse = { accept: 'text/event-stream' }
const orderId = 'SO2026112500001'

let t: TestApp

beforeEach(async () => {
  t = createTestApp()
  await t.publish(loadExampleFlow())
})

afterEach(() => t.close())

async function start(
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<StartAnswer> {
  const response = await t.request(
    'POST',
    '/api/conversations',
    { flowId: 'ecommerce-order-service', ...body },
    headers,
  )
  expect(response.status, await response.clone().text()).toBe(201)
  return (await response.json()) as StartAnswer
}

async function say(
  conversationId: string,
  text: string,
  extra: { payload?: string; idempotencyKey?: string } = {},
  headers: Record<string, string> = {},
): Promise<TurnResult> {
  const response = await t.request(
    'POST',
    `/api/conversations/${conversationId}/messages`,
    { text, ...extra },
    headers,
  )
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as TurnResult
}

async function readConversation(conversationId: string): Promise<ConversationView> {
  const response = await t.request('GET', `/api/conversations/${conversationId}`)
  expect(response.status).toBe(200)
  return (await response.json()) as ConversationView
}

async function readTrace(conversationId: string): Promise<TraceView> {
  const response = await t.request('GET', `/api/conversations/${conversationId}/trace`)
  expect(response.status).toBe(200)
  return (await response.json()) as TraceView
}

const textsOf = (result: { messages: TranscriptMessage[] }) => result.messages.map((m) => m.text)

/** The return path of the example: tap 申请退货, give the order, quality problem, nothing more. */
async function walkReturnPath(conversationId: string): Promise<TurnResult[]> {
  return [
    await say(conversationId, '申请退货', { payload: 'return' }),
    await say(conversationId, orderId),
    await say(conversationId, '质量问题'),
    await say(conversationId, '没有了'),
  ]
}

describe('the example order-service flow over HTTP', () => {
  it('greets the customer by the name in the profile and offers the topics', async () => {
    const started = await start({ profile: { name: '张三' } })

    expect(started).toMatchObject({ id: started.conversationId, status: 'active' })
    expect(textsOf(started)).toEqual([
      '您好张三，欢迎来到星河商城客服中心！',
      '请问您需要办理什么业务？',
    ])
    expect(started.messages[1]?.quickReplies).toEqual([
      { label: '查询订单', value: 'order' },
      { label: '申请退货', value: 'return' },
      { label: '其他问题', value: 'other' },
    ])
  })

  it('registers a free return for a quality problem and closes the conversation as resolved', async () => {
    const { id } = await start({ profile: { name: '张三' } })

    const [topic, order, reason, noMore] = await walkReturnPath(id)

    expect(topic).toMatchObject({ status: 'active' })
    expect(textsOf(topic!)).toEqual(['请提供需要退货的订单号（以 SO 开头）。'])
    expect(textsOf(order!)).toEqual(['请选择退货原因：'])
    expect(order!.messages[0]?.quickReplies?.map((reply) => reply.label)).toEqual([
      '质量问题',
      '发错货',
      '不想要了',
    ])
    expect(textsOf(reason!)).toEqual([
      `已为订单 ${orderId} 登记退货，因商品问题运费由我们承担，快递员将在 24 小时内上门取件。`,
      '请问还有其他可以帮您的吗？',
    ])
    expect(noMore).toMatchObject({ status: 'closed' })
    expect(textsOf(noMore!)).toEqual(['感谢您的咨询，祝您购物愉快！'])
    expect(await readConversation(id)).toMatchObject({
      status: 'closed',
      resolution: 'resolved',
      closedAt: expect.any(String),
      waitingNodeId: null,
    })
  })

  it('shows the variables the return path collected', async () => {
    const { id } = await start({ profile: { name: '张三' } })
    await walkReturnPath(id)

    const conversation = await readConversation(id)

    expect(conversation.variables).toEqual({
      topic: 'return',
      orderId,
      returnReason: 'quality',
      returnCount: 1,
      wantsMore: 'no',
    })
    expect(conversation.profile).toEqual({ name: '张三' })
  })

  it('shows the whole transcript in order with customer and bot roles', async () => {
    const { id } = await start({ profile: { name: '张三' } })
    await walkReturnPath(id)

    const { messages, messageCount, turnCount } = await readConversation(id)

    expect(messages.map((m) => [m.role, m.text])).toEqual([
      ['bot', '您好张三，欢迎来到星河商城客服中心！'],
      ['bot', '请问您需要办理什么业务？'],
      ['customer', '申请退货'],
      ['bot', '请提供需要退货的订单号（以 SO 开头）。'],
      ['customer', orderId],
      ['bot', '请选择退货原因：'],
      ['customer', '质量问题'],
      [
        'bot',
        `已为订单 ${orderId} 登记退货，因商品问题运费由我们承担，快递员将在 24 小时内上门取件。`,
      ],
      ['bot', '请问还有其他可以帮您的吗？'],
      ['customer', '没有了'],
      ['bot', '感谢您的咨询，祝您购物愉快！'],
    ])
    expect(messages[2]?.meta).toEqual({ payload: 'return' })
    expect(messageCount).toBe(11)
    expect(turnCount).toBe(5)
  })

  it('traces every turn with the node steps it took', async () => {
    const { id } = await start({ profile: { name: '张三' } })
    await walkReturnPath(id)

    const trace = await readTrace(id)

    expect(trace).toMatchObject({ conversationId: id, flowId: 'ecommerce-order-service' })
    expect(trace.turns.map((turn) => [turn.seq, turn.eventType])).toEqual([
      [1, 'start'],
      [2, 'message'],
      [3, 'message'],
      [4, 'message'],
      [5, 'message'],
    ])
    expect(trace.turns.map((turn) => turn.steps.map((s) => [s.nodeId, s.port]))).toEqual([
      [
        ['start', 'next'],
        ['greet', 'next'],
        ['askTopic', null],
      ],
      [
        ['askTopic', 'answer'],
        ['route', 'return'],
        ['askReturnOrderId', null],
      ],
      [
        ['askReturnOrderId', 'answer'],
        ['askReason', null],
      ],
      [
        ['askReason', 'answer'],
        ['feeRule', 'free'],
        ['returnFree', 'next'],
        ['countReturn', 'next'],
        ['askMore', null],
      ],
      [
        ['askMore', 'answer'],
        ['moreRoute', 'else'],
        ['bye', null],
      ],
    ])
    const steps = trace.turns.flatMap((turn) => turn.steps)
    expect(steps.every((s) => Number.isInteger(s.durationUs) && s.durationUs >= 0)).toBe(true)
    expect(steps.at(-1)).toMatchObject({ nodeId: 'bye', outcome: 'end', error: null })
  })

  it('reports the status of an order and offers to help further', async () => {
    const { id } = await start()

    const topic = await say(id, '查订单')
    const order = await say(id, 'SO20261125001')

    expect(textsOf(topic)).toEqual(['请提供您的订单号（以 SO 开头，例如 SO20261125001）。'])
    expect(textsOf(order)).toEqual([
      '订单 SO20261125001 已于昨日发货，预计 1-2 天内送达，请留意快递电话。',
      '请问还有其他可以帮您的吗？',
    ])
    expect(order.status).toBe('active')
  })

  it('asks for the topic again with the order forgotten when the customer has more questions', async () => {
    const { id } = await start()
    await say(id, '查订单')
    await say(id, 'SO20261125001')

    const more = await say(id, '还有')

    expect(textsOf(more)).toEqual(['请问您需要办理什么业务？'])
    expect((await readConversation(id)).variables).toMatchObject({ topic: null, orderId: null })
  })

  it('re-asks for the order number when the answer is not one', async () => {
    const { id } = await start()
    await say(id, '查订单')

    const retry = await say(id, '我不记得了')

    expect(textsOf(retry)).toEqual([
      '订单号格式不对，应为 SO 加 8 到 14 位数字。',
      '请提供您的订单号（以 SO 开头，例如 SO20261125001）。',
    ])
    expect(retry.status).toBe('active')
  })

  it('gives up after three answers it cannot understand and closes the conversation unresolved', async () => {
    const { id } = await start()

    const first = await say(id, '今天天气怎么样')
    const second = await say(id, '随便聊聊')
    const third = await say(id, '你是谁')

    expect(textsOf(first)).toEqual(['抱歉，我没有听懂，请再说一次。', '请问您需要办理什么业务？'])
    expect(textsOf(second)).toEqual(textsOf(first))
    expect(third).toMatchObject({ status: 'closed' })
    expect(textsOf(third)).toEqual(['抱歉，我没能理解您的问题，已为您记录，人工客服会尽快联系您。'])
    expect(await readConversation(id)).toMatchObject({ status: 'closed', resolution: 'unresolved' })
    expect((await readTrace(id)).turns.at(-1)?.steps.map((s) => [s.nodeId, s.port])).toEqual([
      ['askTopic', 'invalid'],
      ['giveUp', null],
    ])
  })

  it('greets a returning customer by the profile stored with their customer id', async () => {
    await start({ customerId: 'customer-1', profile: { name: '张三' } })

    const returning = await start({ customerId: 'customer-1' })

    expect(textsOf(returning)[0]).toBe('您好张三，欢迎来到星河商城客服中心！')
  })

  it('greets in English when the conversation starts with locale en', async () => {
    const started = await start({ locale: 'en', profile: { name: 'Alice' } })

    expect(textsOf(started)).toEqual([
      'Hello Alice, welcome to Galaxy Mall customer service!',
      'What can I help you with?',
    ])
    expect(await readConversation(started.id)).toMatchObject({ locale: 'en' })
  })

  it('keeps a running conversation on its version when a new version is published', async () => {
    const running = await start()
    const v2 = loadExampleFlow()
    const askReturn = v2.nodes.find((node) => node.id === 'askReturnOrderId')!
    askReturn.data.config.question = '请发送订单号。'
    await t.publish(v2)

    const onOld = await say(running.id, '申请退货', { payload: 'return' })
    const onNew = await say((await start()).id, '申请退货', { payload: 'return' })

    expect(textsOf(onOld)).toEqual(['请提供需要退货的订单号（以 SO 开头）。'])
    expect(textsOf(onNew)).toEqual(['请发送订单号。'])
    expect(await readConversation(running.id)).toMatchObject({ flowVersion: 1 })
  })
})

describe('idempotency keys', () => {
  it('answers a repeated message key with the identical result and runs nothing', async () => {
    const { id } = await start()
    const first = await say(id, '申请退货', { payload: 'return', idempotencyKey: 'msg-1' })
    const before = await readConversation(id)

    const repeated = await say(id, '申请退货', { payload: 'return', idempotencyKey: 'msg-1' })

    expect(repeated).toEqual(first)
    expect(await readConversation(id)).toEqual(before)
    expect((await readTrace(id)).turns).toHaveLength(2)
  })

  it('takes the key from the Idempotency-Key header', async () => {
    const { id } = await start()
    const first = await say(id, '申请退货', { payload: 'return' }, { 'Idempotency-Key': 'msg-1' })
    const before = await readConversation(id)

    const repeated = await say(
      id,
      '申请退货',
      { payload: 'return' },
      { 'Idempotency-Key': 'msg-1' },
    )

    expect(repeated).toEqual(first)
    expect(await readConversation(id)).toEqual(before)
  })

  it('replays a stored turn even after the conversation closed', async () => {
    const { id } = await start()
    await say(id, '申请退货', { payload: 'return' })
    await say(id, orderId)
    await say(id, '质量问题')
    const last = await say(id, '没有了', { idempotencyKey: 'last' })

    const repeated = await say(id, '没有了', { idempotencyKey: 'last' })

    expect(repeated).toEqual(last)
    expect(repeated.status).toBe('closed')
  })

  it('runs a new turn for the same key in another conversation', async () => {
    const first = await start()
    const second = await start()
    const inFirst = await say(first.id, '申请退货', { payload: 'return', idempotencyKey: 'k' })

    const inSecond = await say(second.id, '查订单', { idempotencyKey: 'k' })

    expect(inSecond.turnId).not.toBe(inFirst.turnId)
    expect(textsOf(inSecond)).toEqual(['请提供您的订单号（以 SO 开头，例如 SO20261125001）。'])
  })

  it('answers a repeated start key with the same conversation and creates no other', async () => {
    const first = await start({ profile: { name: '张三' }, idempotencyKey: 'start-1' })

    const repeated = await start({ profile: { name: '张三' }, idempotencyKey: 'start-1' })

    expect(repeated).toEqual(first)
    expect(t.database.sqlite.prepare('select count(*) as n from conversations').get()).toEqual({
      n: 1,
    })
  })

  it('refuses a start key that started a conversation on another flow, and shows nothing of it', async () => {
    await t.publish(echoFlow('other-flow'))
    await start({ profile: { name: '张三' }, idempotencyKey: 'order-1001' })

    const response = await t.request('POST', '/api/conversations', {
      flowId: 'other-flow',
      idempotencyKey: 'order-1001',
    })

    expect(await response.clone().text()).not.toContain('张三')
    await expectError(response, 409, 'idempotency_key_conflict')
    expect(t.database.sqlite.prepare('select count(*) as n from conversations').get()).toEqual({
      n: 1,
    })
  })

  it('takes the start key from the Idempotency-Key header', async () => {
    const first = await start({}, { 'Idempotency-Key': 'start-1' })

    const repeated = await start({}, { 'Idempotency-Key': 'start-1' })

    expect(repeated).toEqual(first)
    expect((await readConversation(first.id)).turnCount).toBe(1)
  })
})

describe('Server-Sent Events', () => {
  it('streams a turn as its message events, then status, then done', async () => {
    const { id } = await start()
    await say(id, '申请退货', { payload: 'return' })
    await say(id, orderId)

    const response = await t.request(
      'POST',
      `/api/conversations/${id}/messages`,
      { text: '质量问题' },
      sse,
    )

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = await readSseJson(response)
    expect(events.map((e) => e.event)).toEqual(['message', 'message', 'status', 'done'])
    const done = events[3]?.data as TurnResult
    expect(events.slice(0, 2).map((e) => e.data)).toEqual(
      done.messages.map((message) => ({ message })),
    )
    expect(events[2]?.data).toEqual({ status: 'active' })
    expect(textsOf(done)).toEqual([
      `已为订单 ${orderId} 登记退货，因商品问题运费由我们承担，快递员将在 24 小时内上门取件。`,
      '请问还有其他可以帮您的吗？',
    ])
  })

  it('ends with done carrying exactly what a JSON request for the same turn answers', async () => {
    const { id } = await start()
    const streamed = await t.request(
      'POST',
      `/api/conversations/${id}/messages`,
      { text: '申请退货', payload: 'return', idempotencyKey: 'turn-1' },
      sse,
    )
    const done = (await readSseJson(streamed)).at(-1)

    const json = await say(id, '申请退货', { payload: 'return', idempotencyKey: 'turn-1' })

    expect(done).toEqual({ event: 'done', data: json })
    expect(Object.keys(json).sort()).toEqual(['conversationId', 'messages', 'status', 'turnId'])
  })

  it('streams a replayed turn from its stored messages', async () => {
    const { id } = await start()
    const json = await say(id, '申请退货', { payload: 'return', idempotencyKey: 'turn-1' })

    const streamed = await t.request(
      'POST',
      `/api/conversations/${id}/messages`,
      { text: '申请退货', payload: 'return', idempotencyKey: 'turn-1' },
      sse,
    )

    expect(await readSseJson(streamed)).toEqual([
      { event: 'message', data: { message: json.messages[0] } },
      { event: 'status', data: { status: 'active' } },
      { event: 'done', data: json },
    ])
  })

  it('reports the closing status in the stream of the last turn', async () => {
    const { id } = await start()
    await say(id, '申请退货', { payload: 'return' })
    await say(id, orderId)
    await say(id, '质量问题')

    const response = await t.request(
      'POST',
      `/api/conversations/${id}/messages`,
      { text: '没有了' },
      sse,
    )

    const events = await readSseJson(response)
    expect(events.find((e) => e.event === 'status')?.data).toEqual({ status: 'closed' })
  })

  it('streams a started conversation with done equal to the JSON answer of the start', async () => {
    const streamed = await t.request(
      'POST',
      '/api/conversations',
      { flowId: 'ecommerce-order-service', idempotencyKey: 'start-1' },
      sse,
    )
    const events = await readSseJson(streamed)

    const json = await start({ idempotencyKey: 'start-1' })

    expect(events.map((e) => e.event)).toEqual(['message', 'message', 'status', 'done'])
    expect(events.at(-1)?.data).toEqual(json)
  })

  it('streams text sentence by sentence as delta events before the final message', async () => {
    await t.publish(
      buildFlow(
        'streamer',
        [
          { id: 'start', type: 'start' },
          {
            id: 'listen',
            type: 'ask',
            config: { question: '', variable: 'said', maxAttempts: 10 },
          },
          {
            id: 'talk',
            type: 'test-stream',
            config: { chunks: ['您好，', '这是第一句。第二', '句来了！', '最后一句'] },
          },
        ],
        [
          ['start', 'next', 'listen'],
          ['listen', 'answer', 'talk'],
          ['talk', 'next', 'listen'],
        ],
        { variables: [{ name: 'said', type: 'string' }] },
      ),
    )
    const started = await t.request('POST', '/api/conversations', { flowId: 'streamer' })
    const { id } = (await started.json()) as StartAnswer

    const response = await t.request(
      'POST',
      `/api/conversations/${id}/messages`,
      { text: '讲讲' },
      sse,
    )

    const events = await readSseJson(response)
    expect(events.map((e) => e.event)).toEqual([
      'delta',
      'delta',
      'delta',
      'message',
      'status',
      'done',
    ])
    const deltas = events.slice(0, 3).map((e) => e.data as { streamId: string; text: string })
    expect(deltas.map((d) => d.text)).toEqual(['您好，这是第一句。', '第二句来了！', '最后一句'])
    const { message } = events[3]!.data as { message: TranscriptMessage }
    expect(message.text).toBe('您好，这是第一句。第二句来了！最后一句')
    expect(message.meta).toMatchObject({ isStreamed: true })
    expect(deltas.every((d) => d.streamId === message.meta?.streamId)).toBe(true)
  })
})
