import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { conversations } from '../../runtime/storage/schema.ts'
import { expectError } from './expect-error.ts'
import { type Desk, openDesk, readEventsUntil } from './handoff-support.ts'

let desk: Desk | undefined
afterEach(() => desk?.t.close())

describe('handoff: into the queue', () => {
  it('转人工 hands off from anywhere: the customer hears their place, agents see the summary', async () => {
    desk = await openDesk()
    const agent = desk.agent()
    await desk.online(agent)
    const id = await desk.start()
    await desk.say(id, '我的订单还没到')

    const turn = await desk.say(id, '我要转人工！')

    expect(turn.status).toBe('waiting_agent')
    expect(turn.messages.map((m) => m.text)).toEqual([
      '正在为您转接人工客服，您当前排在第 1 位，预计等待约 1 分钟。',
    ])
    const queue = (await (await agent('GET', '/api/agent/queue')).json()) as {
      waiting: {
        conversationId: string
        queue: string
        reason: string
        position: number
        summary: string
      }[]
    }
    expect(queue.waiting).toMatchObject([
      {
        conversationId: id,
        queue: 'after-sales',
        reason: '客户要求转人工',
        position: 1,
      },
    ])
    expect(queue.waiting[0]?.summary).toContain('我要转人工')
    const row = desk.t.database.db
      .select({ handedOffAt: conversations.handedOffAt })
      .from(conversations)
      .where(eq(conversations.id, id))
      .get()
    expect(row?.handedOffAt).toBe('2026-03-02T02:00:00.000Z')
  })

  it('takes unavailable when nobody is online: nothing is queued', async () => {
    desk = await openDesk()
    const id = await desk.start()

    const turn = await desk.say(id, '人工客服')

    expect(turn).toMatchObject({
      status: 'active',
      messages: [{ text: '人工客服暂时不在线，请留言。' }],
    })
    const queue = (await (await desk.t.request('GET', '/api/agent/queue')).json()) as {
      waiting: []
    }
    expect(queue.waiting).toEqual([])
  })

  it('takes unavailable outside the queue business hours and on holidays', async () => {
    desk = await openDesk()
    await desk.online(desk.agent())
    const put = await desk.t.request('PUT', '/api/queues/after-sales', {
      hours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }],
      holidays: ['2026-03-02'],
    })
    expect(put.status).toBe(200)
    const id = await desk.start()

    const turn = await desk.say(id, 'talk to a human please')

    expect(turn.messages.map((m) => m.text)).toEqual(['人工客服暂时不在线，请留言。'])
  })

  it('keeps the customer waiting silently: their messages reach the transcript only', async () => {
    desk = await openDesk()
    const { id } = await desk.handedOff()

    const turn = await desk.say(id, '还要等多久？')

    expect(turn).toEqual(expect.objectContaining({ status: 'waiting_agent', messages: [] }))
    const view = await desk.conversation(id)
    expect(view.messages.at(-1)).toMatchObject({ role: 'customer', text: '还要等多久？' })
  })
})

describe('handoff: agents', () => {
  it('lets exactly one of two agents claim at once; the other hears who has it', async () => {
    desk = await openDesk()
    const first = desk.agent()
    const second = desk.agent()
    await desk.online(first)
    await desk.online(second)
    const id = await desk.start()
    await desk.say(id, '转人工')

    const answers = await Promise.all([
      first('POST', `/api/agent/conversations/${id}/claim`),
      second('POST', `/api/agent/conversations/${id}/claim`),
    ])

    const statuses = answers.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 409])
    const loser = answers.find((r) => r.status === 409)
    const winner = answers.find((r) => r.status === 200)
    if (!loser || !winner) throw new Error('expected a winner and a loser')
    const { handoff } = (await winner.json()) as { handoff: { agentName: string } }
    const error = await expectError(loser, 409, 'handoff_claimed')
    expect(error.details).toMatchObject({ agentName: handoff.agentName })
    expect(error.message).toContain(handoff.agentName)
  })

  it('delivers agent replies on the customer stream, with variables filled', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed({ name: '王女士' })
    const stream = await desk.t.request('GET', `/api/conversations/${id}/stream?after=2`)
    expect(stream.headers.get('content-type')).toContain('text/event-stream')

    const sent = await agent('POST', `/api/agent/conversations/${id}/messages`, {
      text: '{{ user.name }}您好，我来帮您查。',
    })
    const events = await readEventsUntil(stream, (list) =>
      list.some((e) => e.event === 'message' && JSON.stringify(e.data).includes('王女士您好')),
    )

    expect(sent.status).toBe(201)
    const messages = events.filter((e) => e.event === 'message')
    expect(messages.map((e) => e.id)).toEqual(['3', '4', '5'])
    expect(messages.map((e) => (e.data as { message: { role: string } }).message.role)).toEqual([
      'bot',
      'system',
      'agent',
    ])
    expect(events.find((e) => e.event === 'status')?.data).toMatchObject({
      status: 'waiting_agent',
    })
  })

  it("returns to the bot: the flow goes on at the handoff node's returned port", async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed()

    const returned = await agent('POST', `/api/agent/conversations/${id}/return`)
    const next = await desk.say(id, '谢谢')

    expect(returned.status).toBe(200)
    expect(await returned.json()).toMatchObject({
      status: 'active',
      messages: [{ text: '欢迎回来，还有什么可以帮您？' }],
    })
    expect(next.messages.map((m) => m.text)).toEqual(['收到：谢谢'])
    const trace = (await (
      await desk.t.request('GET', `/api/conversations/${id}/trace`)
    ).json()) as {
      turns: { eventType: string; steps: { nodeId: string; port: string | null }[] }[]
    }
    expect(trace.turns.find((t) => t.eventType === 'handoff')?.steps[0]).toMatchObject({
      nodeId: 'human',
      port: 'returned',
    })
  })

  it('closes with a resolution code: the conversation ends resolved', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed()

    const closed = await agent('POST', `/api/agent/conversations/${id}/close`, {
      resolutionCode: 'refunded',
    })

    expect(closed.status).toBe(204)
    const view = await desk.t.request('GET', `/api/conversations/${id}`)
    expect(await view.json()).toMatchObject({ status: 'closed', resolution: 'resolved' })
    await expectError(
      await desk.t.request('POST', `/api/conversations/${id}/messages`, { text: 'hi' }),
      409,
      'conversation_closed',
    )
  })

  it('transfers to another queue, and refuses an offline agent as target', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed()

    const toAgent = await agent('POST', `/api/agent/conversations/${id}/transfer`, {
      agentId: 'nobody',
    })
    const toQueue = await agent('POST', `/api/agent/conversations/${id}/transfer`, {
      queue: 'billing',
    })

    await expectError(toAgent, 409, 'agent_unavailable')
    expect(await toQueue.json()).toMatchObject({ handoff: { status: 'waiting', queue: 'billing' } })
    const queue = (await (await agent('GET', '/api/agent/queue')).json()) as {
      waiting: { queue: string; transfers: number }[]
    }
    expect(queue.waiting).toMatchObject([{ queue: 'billing', transfers: 1 }])
  })

  it('holds an agent to their most conversations at once', async () => {
    desk = await openDesk()
    const agent = desk.agent()
    await desk.online(agent, { maxConcurrent: 1 })
    const first = await desk.start()
    const second = await desk.start()
    await desk.say(first, '转人工')
    await desk.say(second, '转人工')

    await agent('POST', `/api/agent/conversations/${first}/claim`)
    const refused = await agent('POST', `/api/agent/conversations/${second}/claim`)

    await expectError(refused, 409, 'agent_at_capacity')
  })

  it('refuses actions on a conversation that is not yours or not handed off', async () => {
    desk = await openDesk()
    const agent = desk.agent()
    await desk.online(agent)
    const id = await desk.start()

    await expectError(
      await agent('POST', `/api/agent/conversations/${id}/claim`),
      404,
      'handoff_not_found',
    )
    await desk.say(id, '转人工')
    await expectError(
      await agent('POST', `/api/agent/conversations/${id}/messages`, { text: 'hi' }),
      409,
      'handoff_not_assigned',
    )
    await expectError(
      await agent('POST', `/api/agent/conversations/${id}/transfer`, { queue: 'bad name!' }),
      422,
      'invalid_request',
    )
  })

  it('keeps designers out of the console and agents out of queue settings', async () => {
    desk = await openDesk()

    await expectError(
      await desk.t.requestAs('designer')('GET', '/api/agent/queue'),
      403,
      'forbidden',
    )
    await expectError(await desk.agent()('PUT', '/api/queues/x', {}), 403, 'forbidden')
  })

  it('shows agents the transcript, trace, notes and masks what the policy and flow protect', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed({ name: '王女士', phone: '13812345678' })
    await agent('POST', `/api/agent/conversations/${id}/notes`, { text: '老客户，优先处理' })

    const view = (await (await agent('GET', `/api/agent/conversations/${id}`)).json()) as Record<
      string,
      unknown
    >

    expect(view).toMatchObject({
      handoff: { status: 'assigned', queue: 'after-sales' },
      summary: { source: 'extractive' },
      variables: { idNumber: '••••' },
      profile: { name: '王女士', phone: '138****5678' },
      notes: [{ kind: 'event' }, { kind: 'note', text: '老客户，优先处理' }],
    })
    expect(JSON.stringify(view.trace)).toContain('"nodeType":"handoff"')
  })
})

describe('handoff: the customer stream and canned responses', () => {
  it('resumes after Last-Event-ID and, with once, sends what is there and ends', async () => {
    desk = await openDesk()
    const id = await desk.start()
    await desk.say(id, '你好')

    const response = await desk.t.request(
      'GET',
      `/api/conversations/${id}/stream?once=1`,
      undefined,
      {
        'last-event-id': '1',
      },
    )
    const text = await response.text()

    expect(text).toContain('id: 2')
    expect(text).toContain('id: 3')
    expect(text).not.toContain('id: 1\n')
    expect(text).toContain('event: status')
  })

  it("shows the agent's typing on the customer stream", async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed()
    const stream = await desk.t.request('GET', `/api/conversations/${id}/stream?after=99`)

    const typed = await agent('POST', `/api/agent/conversations/${id}/typing`, { isTyping: true })
    const events = await readEventsUntil(stream, (list) => list.some((e) => e.event === 'typing'))

    expect(typed.status).toBe(204)
    expect(events.find((e) => e.event === 'typing')?.data).toMatchObject({ isTyping: true })
  })

  it('offers admins’ canned responses to agents, for every queue and for theirs', async () => {
    desk = await openDesk()
    const everyQueue = await desk.t.request('POST', '/api/canned-responses', {
      title: '问候',
      text: '{{ user.name }}您好',
    })
    await desk.t.request('POST', '/api/canned-responses', {
      title: '退款',
      text: '已退款',
      queue: 'billing',
    })

    const forAfterSales = await desk.agent()('GET', '/api/agent/canned-responses?queue=after-sales')

    expect(everyQueue.status).toBe(201)
    expect(await forAfterSales.json()).toMatchObject({ cannedResponses: [{ title: '问候' }] })
    await expectError(
      await desk.t.request('PUT', '/api/canned-responses/nope', { title: 'x', text: 'y' }),
      404,
      'canned_response_not_found',
    )
  })
})
