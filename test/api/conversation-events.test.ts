import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { TurnResult } from '../../runtime/engine/index.ts'
import type { ConversationEvent } from '../../runtime/storage/index.ts'
import { defineNode } from '../../shared/index.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { expectError, problemPaths } from './expect-error.ts'

type StartAnswer = TurnResult & { id: string }
interface EventList {
  conversationId: string
  events: ConversationEvent[]
}

/** Records a conversion, then fails: its event must not be stored. */
const recordThenThrow = defineNode({
  type: 'test-record-throw',
  version: 1,
  category: 'action',
  titles: { 'zh-CN': '测试：记录后抛错', en: 'Test: record then throw' },
  config: z.object({}),
  outputs: () => ['next', 'error'],
  run(ctx) {
    ctx.events.record({ type: 'conversion', name: 'should_not_exist', value: 1 })
    throw new Error('the CRM is down')
  },
})

const surveyFlow = buildFlow(
  'survey',
  [
    { id: 'start', type: 'start' },
    { id: 'paid', type: 'goal', config: { name: 'order_paid', value: '{{ vars.total }}' } },
    { id: 'rate', type: 'csat', config: { askComment: true, ratingVariable: 'rating' } },
    { id: 'thanks', type: 'reply', config: { text: '感谢您的评价：{{ vars.rating }} 分' } },
    { id: 'skipped', type: 'reply', config: { text: '好的，不打扰了' } },
    { id: 'bye', type: 'end', config: {} },
  ],
  [
    ['start', 'next', 'paid'],
    ['paid', 'next', 'rate'],
    ['rate', 'rated', 'thanks'],
    ['rate', 'skipped', 'skipped'],
    ['thanks', 'next', 'bye'],
    ['skipped', 'next', 'bye'],
  ],
  {
    variables: [
      { name: 'total', type: 'number', default: 299 },
      { name: 'rating', type: 'number' },
    ],
  },
)

let t: TestApp

beforeEach(async () => {
  t = createTestApp({ extraNodeTypes: [recordThenThrow] })
  await t.publish(surveyFlow)
})

afterEach(() => t.close())

async function start(flowId = 'survey'): Promise<StartAnswer> {
  const response = await t.request('POST', '/api/conversations', { flowId })
  expect(response.status, await response.clone().text()).toBe(201)
  return (await response.json()) as StartAnswer
}

async function say(conversationId: string, text: string, payload?: string): Promise<TurnResult> {
  const response = await t.request('POST', `/api/conversations/${conversationId}/messages`, {
    text,
    ...(payload === undefined ? {} : { payload }),
  })
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as TurnResult
}

async function eventsOf(conversationId: string): Promise<ConversationEvent[]> {
  const response = await t.request('GET', `/api/conversations/${conversationId}/events`)
  expect(response.status).toBe(200)
  return ((await response.json()) as EventList).events
}

function postEvent(conversationId: string, body: unknown) {
  return t.request('POST', `/api/conversations/${conversationId}/events`, body)
}

describe('csat and goal nodes in a conversation', () => {
  it('stores the goal with the start turn, tagged with flow, version and node', async () => {
    const started = await start()

    const events = await eventsOf(started.id)

    expect(events).toEqual([
      expect.objectContaining({
        conversationId: started.id,
        flowId: 'survey',
        flowVersion: 1,
        type: 'conversion',
        name: 'order_paid',
        value: 299,
        source: 'flow',
        nodeId: 'paid',
        turnId: started.turnId,
      }),
    ])
  })

  it('shows the rating buttons, stores the rating, then the comment', async () => {
    const started = await start()
    expect(started.messages.at(-1)?.quickReplies).toHaveLength(5)

    await say(started.id, '5', '5')
    const final = await say(started.id, '客服很耐心')

    expect(final.messages.map((m) => m.text)).toEqual(['感谢您的评价：5 分'])
    expect(final.status).toBe('closed')
    const events = await eventsOf(started.id)
    expect(events.map((e) => [e.type, e.name, e.value, e.detail])).toEqual([
      ['conversion', 'order_paid', 299, null],
      ['csat', 'csat', 5, null],
      ['csat_comment', 'csat', 5, { comment: '客服很耐心' }],
    ])
  })

  it('keeps the rating of a customer who leaves before the comment question', async () => {
    const started = await start()

    await say(started.id, '我给2分')

    const csat = (await eventsOf(started.id)).filter((e) => e.type === 'csat')
    expect(csat.map((e) => e.value)).toEqual([2])
  })

  it('takes skipped after answers that are not ratings, storing no survey', async () => {
    const started = await start()

    await say(started.id, '还行')
    const last = await say(started.id, '不知道')

    expect(last.messages.map((m) => m.text)).toEqual(['好的，不打扰了'])
    expect((await eventsOf(started.id)).map((e) => e.type)).toEqual(['conversion'])
  })

  it('gives what CSAT is computed from: the share of 4–5 ratings', async () => {
    for (const rating of ['5', '4', '2', '5']) {
      const started = await start()
      await say(started.id, rating, rating)
    }

    const rows = t.database.sqlite
      .prepare("SELECT value FROM conversation_events WHERE type = 'csat' AND flow_id = 'survey'")
      .all() as { value: number }[]

    const satisfied = rows.filter((row) => row.value >= 4).length
    expect(satisfied / rows.length).toBe(0.75)
  })

  it('stores no event of a step that failed', async () => {
    await t.publish(
      buildFlow(
        'failing',
        [
          { id: 'start', type: 'start' },
          { id: 'boom', type: 'test-record-throw' },
          { id: 'sorry', type: 'reply', config: { text: '出错了' } },
        ],
        [
          ['start', 'next', 'boom'],
          ['boom', 'error', 'sorry'],
        ],
      ),
    )

    const started = await start('failing')

    expect(started.messages.map((m) => m.text)).toEqual(['出错了'])
    expect(await eventsOf(started.id)).toEqual([])
  })
})

describe('POST /api/conversations/:id/events', () => {
  it('records a conversion posted by the business and lists it', async () => {
    const started = await start()

    const response = await postEvent(started.id, {
      type: 'conversion',
      name: 'order_paid_offline',
      value: 1299.5,
      detail: { orderId: 'SO1' },
    })

    expect(response.status).toBe(201)
    const { event } = (await response.json()) as { event: ConversationEvent }
    expect(event).toMatchObject({
      conversationId: started.id,
      flowId: 'survey',
      flowVersion: 1,
      type: 'conversion',
      name: 'order_paid_offline',
      value: 1299.5,
      detail: { orderId: 'SO1' },
      source: 'api',
    })
    expect((await eventsOf(started.id)).at(-1)).toEqual(event)
  })

  it('answers a repeated idempotency key with the first event and stores it once', async () => {
    const started = await start()
    const body = { type: 'conversion', name: 'renewal', value: 10, idempotencyKey: 'pay-77' }

    const first = await postEvent(started.id, body)
    const second = await postEvent(started.id, { ...body, value: 99 })

    expect(second.status).toBe(first.status)
    expect(await second.json()).toEqual(await first.json())
    expect((await eventsOf(started.id)).filter((e) => e.name === 'renewal')).toHaveLength(1)
  })

  it('stores a key once when the same post races itself', async () => {
    const started = await start()
    const body = { type: 'conversion', name: 'race', idempotencyKey: 'same' }

    const answers = await Promise.all([1, 2, 3, 4].map(() => postEvent(started.id, body)))

    const ids = await Promise.all(
      answers.map(async (r) => ((await r.json()) as { event: ConversationEvent }).event.id),
    )
    expect(new Set(ids).size).toBe(1)
    expect((await eventsOf(started.id)).filter((e) => e.name === 'race')).toHaveLength(1)
  })

  it('keeps idempotency keys apart per conversation', async () => {
    const a = await start()
    const b = await start()
    const body = { type: 'conversion', name: 'x', idempotencyKey: 'k1' }

    await postEvent(a.id, body)
    await postEvent(b.id, body)

    expect((await eventsOf(b.id)).filter((e) => e.name === 'x')).toHaveLength(1)
  })

  it('accepts a conversion after the conversation closed', async () => {
    const started = await start()
    await say(started.id, '5', '5')
    await say(started.id, '没有了')

    const response = await postEvent(started.id, { type: 'conversion', name: 'late_payment' })

    expect(response.status).toBe(201)
  })

  it('answers 404 for an unknown conversation and stores nothing', async () => {
    const response = await postEvent('no-such-conversation', { type: 'conversion', name: 'x' })

    await expectError(response, 404, 'conversation_not_found')
    const count = t.database.sqlite.prepare('SELECT count(*) AS n FROM conversation_events').get()
    expect(count).toEqual({ n: 0 })
  })

  it('answers 404 when listing the events of an unknown conversation', async () => {
    const response = await t.request('GET', '/api/conversations/nope/events')

    await expectError(response, 404, 'conversation_not_found')
  })

  it.each([
    [{ name: 'x' }, ['type']],
    [{ type: 'csat', name: 'x' }, ['type']],
    [{ type: 'conversion' }, ['name']],
    [{ type: 'conversion', name: '   ' }, ['name']],
    [{ type: 'conversion', name: 'x', value: '12' }, ['value']],
    [{ type: 'conversion', name: 'x', value: 1e15 }, ['value']],
    [{ type: 'conversion', name: 'x', idempotencyKey: '' }, ['idempotencyKey']],
    [{ type: 'conversion', name: 'x', extra: 1 }, []],
  ])('refuses the body %j with 422 and stores nothing', async (body, path) => {
    const started = await start()

    const response = await postEvent(started.id, body)

    const error = await expectError(response, 422, 'invalid_request')
    if (path.length > 0) expect(problemPaths(error)).toContainEqual(path)
    expect((await eventsOf(started.id)).filter((e) => e.source === 'api')).toEqual([])
  })

  it('refuses malformed JSON with 400', async () => {
    const started = await start()

    const response = await postEvent(started.id, '{"type": "conversion",')

    await expectError(response, 400, 'malformed_json')
  })

  it('refuses a body over 16 KB with 413', async () => {
    const started = await start()

    const response = await postEvent(started.id, {
      type: 'conversion',
      name: 'x',
      detail: { note: 'x'.repeat(20_000) },
    })

    await expectError(response, 413, 'payload_too_large')
  })
})
