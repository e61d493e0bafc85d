import { afterEach, describe, expect, it } from 'vitest'
import { HandoffDesk, sweepDesk } from '../../runtime/handoff/index.ts'
import { expectError } from './expect-error.ts'
import { type Desk, openDesk } from './handoff-support.ts'

let desk: Desk | undefined
afterEach(() => desk?.t.close())

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
