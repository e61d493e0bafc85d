import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { HandoffDesk, sweepDesk } from '../../runtime/handoff/index.ts'
import { ConversationBusyError, defineNode } from '../../shared/index.ts'
import { expectError } from './expect-error.ts'
import { type Desk, handoffFlow, openDesk } from './handoff-support.ts'

let desk: Desk | undefined
afterEach(() => {
  vi.restoreAllMocks()
  desk?.t.close()
})

describe('handoff timers (stored deadlines, swept)', () => {
  it('ends a wait past its timeout on the unavailable port', async () => {
    desk = await openDesk()
    const { id } = await desk.handedOff()

    desk.advance(9 * 60_000)
    const early = await sweepDesk(desk.t.desk)
    desk.advance(2 * 60_000)
    const late = await sweepDesk(desk.t.desk)

    expect(early.timedOut).toBe(0)
    expect(late.timedOut).toBe(1)
    const view = await desk.conversation(id)
    expect(view.status).toBe('active')
    expect(view.messages.at(-1)).toMatchObject({
      role: 'bot',
      text: '人工客服暂时不在线，请留言。',
    })
    expect((await desk.say(id, '好的')).messages.map((m) => m.text)).toEqual(['收到：好的'])
  })

  it('keeps the deadline across a restart: a new desk on the same database sweeps it', async () => {
    desk = await openDesk()
    const { id } = await desk.handedOff()

    const restarted = new HandoffDesk({
      database: desk.t.database,
      now: () => Date.now() + 3_600_000,
    })
    restarted.bindEngine(desk.t.engine)
    const report = await sweepDesk(restarted)

    expect(report.timedOut).toBe(1)
    expect((await desk.conversation(id)).status).toBe('active')
  })

  it('does not time out a conversation an agent claimed', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed()

    desk.advance(60 * 60_000)
    await desk.online(agent)
    const report = await sweepDesk(desk.t.desk)

    expect(report.timedOut).toBe(0)
    expect((await desk.conversation(id)).status).toBe('waiting_agent')
  })

  it('tells a waiting customer their new place when the one ahead is claimed', async () => {
    desk = await openDesk()
    const agent = desk.agent()
    await desk.online(agent)
    const first = await desk.start()
    const second = await desk.start()
    await desk.say(first, '转人工')
    const queued = await desk.say(second, '转人工')
    expect(queued.messages[0]?.text).toContain('第 2 位')

    await agent('POST', `/api/agent/conversations/${first}/claim`)
    desk.advance(1000)
    await desk.online(agent)
    const report = await sweepDesk(desk.t.desk)

    expect(report.placesTold).toBe(1)
    expect((await desk.conversation(second)).messages.at(-1)).toMatchObject({
      role: 'system',
      text: expect.stringContaining('第 1 位'),
    })
  })

  it('sets a silent agent offline and puts their conversations back at the front', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed()

    desk.advance(61_000)
    const report = await sweepDesk(desk.t.desk)

    expect(report.agentsSetOffline).toBe(1)
    const queue = (await (await desk.t.request('GET', '/api/agent/queue')).json()) as {
      waiting: { conversationId: string; priority: string }[]
      agents: { status: string }[]
    }
    expect(queue.waiting).toMatchObject([{ conversationId: id, priority: 'urgent' }])
    expect(queue.agents).toMatchObject([{ status: 'offline' }])
    expect((await desk.conversation(id)).messages.at(-1)?.text).toBe(
      '客服暂时离开，已为您重新排队，请稍候。',
    )
    await expectError(
      await agent('POST', `/api/agent/conversations/${id}/messages`, { text: 'hi' }),
      409,
      'handoff_not_assigned',
    )
  })

  it('closes the conversation as abandoned when the customer leaves while waiting', async () => {
    desk = await openDesk()
    const { id } = await desk.handedOff()

    const left = await desk.t.request('POST', `/api/conversations/${id}/leave`)

    expect(left.status).toBe(204)
    expect(await desk.conversation(id)).toMatchObject({ status: 'closed', resolution: 'abandoned' })
    const queue = (await (await desk.t.request('GET', '/api/agent/queue')).json()) as {
      waiting: []
    }
    expect(queue.waiting).toEqual([])
    expect((await sweepDesk(desk.t.desk)).timedOut).toBe(0)
  })
})

describe('handoff metrics', () => {
  it('measures first reply, handle time, per-agent rate, handoff share and bot resolution after return', async () => {
    desk = await openDesk()
    const agent = desk.agent()
    await desk.online(agent)
    const handedOff = await desk.start()
    await desk.start()
    await desk.say(handedOff, '转人工')
    desk.advance(30_000)
    await agent('POST', `/api/agent/conversations/${handedOff}/claim`)
    desk.advance(60_000)
    await agent('POST', `/api/agent/conversations/${handedOff}/messages`, { text: '您好' })
    desk.advance(120_000)
    await agent('POST', `/api/agent/conversations/${handedOff}/return`)
    desk.advance(3_600_000)

    const response = await agent(
      'GET',
      '/api/agent/metrics?from=2026-03-02T00:00:00.000Z&to=2026-03-03T00:00:00.000Z',
    )

    expect(await response.json()).toMatchObject({
      handoffs: 1,
      byStatus: { returned: 1 },
      timeToFirstReply: { count: 1, p50Ms: 90_000 },
      handleTime: { count: 1, meanMs: 180_000 },
      agents: [{ handled: 1, perHour: expect.any(Number) }],
      conversationsStarted: 2,
      conversationsHandedOff: 1,
      handedOffShare: 0.5,
      returnedToBot: 1,
      resolvedByBotAfterReturn: 0,
    })
  })
})

describe('handoff races and bad input', () => {
  it('lets a claim and a timeout race leave one consistent outcome', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.handedOff()
    desk.advance(11 * 60_000)
    await desk.online(agent)

    const [claimed] = await Promise.all([
      agent('POST', `/api/agent/conversations/${id}/claim`),
      sweepDesk(desk.t.desk),
    ])

    const handoff = desk.t.desk.context.handoffs.latest(id)
    const { status } = await desk.conversation(id)
    if (claimed.status === 200) {
      expect([handoff?.status, status]).toEqual(['assigned', 'waiting_agent'])
    } else {
      expect([handoff?.status, status]).toEqual(['timed_out', 'active'])
    }
  })

  it('refuses bad queue settings with every problem and stores nothing', async () => {
    desk = await openDesk()

    const refused = await desk.t.request('PUT', '/api/queues/after-sales', {
      timeZone: 'Mars/Olympus',
      hours: [{ days: [8], from: '25:00', to: '18:00' }],
    })

    const error = await expectError(refused, 422, 'invalid_request')
    expect(JSON.stringify(error.details)).toContain('timeZone')
    expect(JSON.stringify(error.details)).toContain('from')
    const listed = (await (await desk.t.request('GET', '/api/queues')).json()) as { queues: [] }
    expect(listed.queues).toEqual([])
  })
})

describe('handoff timers after a requeue, a failure or a race', () => {
  it('gives a conversation put back in the queue its timeout again, from the requeue', async () => {
    desk = await openDesk()
    const { id } = await desk.claimed()
    desk.advance(61_000)
    expect((await sweepDesk(desk.t.desk)).agentsSetOffline).toBe(1)

    desk.advance(9 * 60_000)
    const early = await sweepDesk(desk.t.desk)
    desk.advance(2 * 60_000)
    const late = await sweepDesk(desk.t.desk)

    expect([early.timedOut, late.timedOut]).toEqual([0, 1])
    expect((await desk.conversation(id)).messages.at(-1)?.text).toBe('人工客服暂时不在线，请留言。')
  })

  it('gives a conversation transferred to a queue its timeout again', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed()
    const moved = await agent('POST', `/api/agent/conversations/${id}/transfer`, {
      queue: 'billing',
    })
    expect(moved.status).toBe(200)

    desk.advance(11 * 60_000)
    await desk.online(agent)
    const report = await sweepDesk(desk.t.desk)

    expect(report.timedOut).toBe(1)
    expect((await desk.conversation(id)).status).toBe('active')
  })

  it('requeues the other conversations when one fails, and the sweep retries that one', async () => {
    desk = await openDesk()
    const agent = desk.agent()
    await desk.online(agent)
    const [first, second] = [await desk.start(), await desk.start()]
    await desk.say(first, '转人工')
    await desk.say(second, '转人工')
    await agent('POST', `/api/agent/conversations/${first}/claim`)
    desk.advance(1000)
    await agent('POST', `/api/agent/conversations/${second}/claim`)
    const busy = new ConversationBusyError(first, 5000)
    vi.spyOn(desk.t.engine, 'runExclusive').mockRejectedValueOnce(busy)

    const offline = await agent('PUT', '/api/agent/presence', { status: 'offline' })

    expect(offline.status).toBe(200)
    const { handoffs } = desk.t.desk.context
    const statuses = () => [first, second].map((id) => handoffs.latest(id)?.status)
    expect(statuses()).toEqual(['assigned', 'waiting'])
    await sweepDesk(desk.t.desk)
    expect(statuses()).toEqual(['waiting', 'waiting'])
  })

  it('runs no node after unavailable when the conversation was claimed since the sweep read it', async () => {
    let probeRuns = 0
    const probe = defineNode({
      type: 'test-probe',
      version: 1,
      category: 'basic',
      titles: { 'zh-CN': '测试：探针', en: 'Test: probe' },
      config: z.object({}),
      outputs: () => ['next'],
      run: () => {
        probeRuns++
        return { port: 'next' }
      },
    })
    const flow = handoffFlow()
    flow.nodes = flow.nodes.map((n) => (n.id === 'offline' ? { ...n, type: 'test-probe' } : n))
    desk = await openDesk(flow, { extraNodeTypes: [probe] })
    const { agent, id } = await desk.handedOff()
    desk.advance(11 * 60_000)
    const { handoffs } = desk.t.desk.context
    const stale = handoffs.dueTimeouts(desk.t.desk.context.now())
    await desk.online(agent)
    expect((await agent('POST', `/api/agent/conversations/${id}/claim`)).status).toBe(200)
    vi.spyOn(handoffs, 'dueTimeouts').mockReturnValue(stale)

    const report = await sweepDesk(desk.t.desk)

    expect([report.timedOut, probeRuns]).toEqual([0, 0])
    expect((await desk.conversation(id)).status).toBe('waiting_agent')
  })

  it('ends a due wait whose conversation is closed or gone instead of retrying it', async () => {
    desk = await openDesk()
    const { id } = await desk.handedOff()
    const closed = await desk.start()
    expect((await desk.t.request('POST', `/api/conversations/${closed}/leave`)).status).toBe(204)
    const { handoffs } = desk.t.desk.context
    const { id: _id, ...entry } = handoffs.latest(id) ?? expect.fail('no handoff')
    const gone = handoffs.insertSync({ ...entry, conversationId: 'gone' })
    const ofClosed = handoffs.insertSync({ ...entry, conversationId: closed })

    desk.advance(11 * 60_000)
    const report = await sweepDesk(desk.t.desk)

    expect(report.timedOut).toBe(1)
    expect([gone, ofClosed].map((h) => handoffs.get(h)?.status)).toEqual(['timed_out', 'timed_out'])
    expect(handoffs.dueTimeouts(desk.t.desk.context.now())).toEqual([])
  })
})
