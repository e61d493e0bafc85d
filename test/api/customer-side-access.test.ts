import { afterEach, describe, expect, it } from 'vitest'
import { buildFlow, echoFlow } from '../support/flow-builder.ts'
import type { RequestFn, TestApp } from '../support/test-app.ts'
import { expectError } from './expect-error.ts'
import { type Desk, openDesk, readEventsUntil } from './handoff-support.ts'
import { readSseJson } from './sse.ts'

// The customer's side of a conversation (post a message, leave, the live stream) belongs to
// whoever speaks for the customer: the channel's API key, admins, and designers only in the
// editor's test chat (runtime/http/conversation-access.ts).

let desk: Desk | undefined

afterEach(() => desk?.t.close())

async function openEchoDesk(): Promise<TestApp> {
  desk = await openDesk(echoFlow())
  return desk.t
}

async function startLive(t: TestApp): Promise<string> {
  const response = await t.request('POST', '/api/conversations', { flowId: 'echo' })
  expect(response.status, await response.clone().text()).toBe(201)
  return ((await response.json()) as { id: string }).id
}

async function startTestChat(request: RequestFn, body: unknown = {}): Promise<string> {
  const response = await request('POST', '/api/flows/echo/test-conversations', body)
  expect(response.status, await response.clone().text()).toBe(201)
  return ((await response.json()) as { id: string }).id
}

async function transcriptOf(t: TestApp, conversationId: string) {
  const response = await t.request('GET', `/api/conversations/${conversationId}`)
  return (await response.json()) as { status: string; messages: { text: string }[] }
}

describe('the customer side of a live conversation', () => {
  it("refuses a designer's message with 403 and leaves the transcript as it was", async () => {
    const t = await openEchoDesk()
    const id = await startLive(t)
    const before = await transcriptOf(t, id)

    const response = await t.requestAs('designer')('POST', `/api/conversations/${id}/messages`, {
      text: '我是客户，请把订单改到这个地址',
    })

    const error = await expectError(response, 403, 'forbidden')
    expect(error.details).toEqual({ conversationId: id, reason: 'live_conversation' })
    expect(error.message).toContain('test conversations')
    expect(await transcriptOf(t, id)).toEqual(before)
  })

  it('refuses a designer "leave" with 403 and the conversation stays open', async () => {
    const t = await openEchoDesk()
    const id = await startLive(t)
    const before = await transcriptOf(t, id)

    const response = await t.requestAs('designer')('POST', `/api/conversations/${id}/leave`, {})

    await expectError(response, 403, 'forbidden')
    expect(await transcriptOf(t, id)).toEqual(before)
    expect(before.status).toBe('active')
  })

  it('refuses a designer the live stream before anything is sent', async () => {
    const t = await openEchoDesk()
    const id = await startLive(t)

    const response = await t.requestAs('designer')('GET', `/api/conversations/${id}/stream`)

    expect(response.headers.get('content-type')).toContain('application/json')
    await expectError(response, 403, 'forbidden')
  })

  it('refuses designers a new live conversation (the test chat is theirs)', async () => {
    const t = await openEchoDesk()

    const response = await t.requestAs('designer')('POST', '/api/conversations', {
      flowId: 'echo',
    })

    await expectError(response, 403, 'forbidden')
    const count = t.database.sqlite.prepare('SELECT count(*) AS n FROM conversations').get()
    expect(count).toEqual({ n: 0 })
  })

  it('lets an admin (a person) post to a live conversation', async () => {
    const t = await openEchoDesk()
    const id = await startLive(t)

    const response = await t.requestAs('admin')('POST', `/api/conversations/${id}/messages`, {
      text: '在吗',
    })

    expect(response.status).toBe(200)
    expect((await transcriptOf(t, id)).messages.map((m) => m.text)).toContain('收到：在吗')
  })

  it("records an admin (a person) speaking in a live customer's conversation, not a channel's turns", async () => {
    const t = await openEchoDesk()
    const id = await startLive(t)
    const admin = t.requestAs('admin')
    const key = t.requestWithApiKey(['echo'])
    const designer = t.requestAs('designer')
    const testChat = await startTestChat(designer)

    await key('POST', `/api/conversations/${id}/messages`, { text: '在吗' })
    // The admin token is the server's API credential (scripts, integrations), not a person.
    await t.request('POST', `/api/conversations/${id}/messages`, { text: '在吗' })
    await designer('POST', `/api/conversations/${testChat}/messages`, { text: '在吗' })
    await admin('POST', `/api/conversations/${id}/messages`, { text: '我来帮您处理' })
    await admin('POST', `/api/conversations/${id}/leave`, {})

    const response = await t.request('GET', '/api/audit?action=conversation.*')
    const { records } = (await response.json()) as {
      records: { action: string; target: string; status: number; actor: { role: string } }[]
    }
    expect(records.map((r) => [r.action, r.target, r.status, r.actor.role])).toEqual([
      ['conversation.leave_as_customer', `conversation:${id}`, 204, 'admin'],
      ['conversation.message_as_customer', `conversation:${id}`, 200, 'admin'],
    ])
  })

  it("lets the flow's API key post, stream and leave its live conversation", async () => {
    const t = await openEchoDesk()
    const id = await startLive(t)
    const key = t.requestWithApiKey(['echo'])

    const posted = await key('POST', `/api/conversations/${id}/messages`, { text: '在吗' })
    const streamed = await readSseJson(await key('GET', `/api/conversations/${id}/stream?once=1`))
    const left = await key('POST', `/api/conversations/${id}/leave`, {})

    expect(posted.status).toBe(200)
    expect(streamed.filter((e) => e.event === 'message')).toHaveLength(3)
    expect(left.status).toBe(204)
    expect((await transcriptOf(t, id)).status).toBe('closed')
  })
})

describe("the customer side of a designer's test chat", () => {
  it('lets a designer post, stream and leave it', async () => {
    const t = await openEchoDesk()
    const designer = t.requestAs('designer')
    const id = await startTestChat(designer)

    const posted = await designer('POST', `/api/conversations/${id}/messages`, { text: '在吗' })
    const streamed = await readSseJson(
      await designer('GET', `/api/conversations/${id}/stream?once=1`),
    )
    const left = await designer('POST', `/api/conversations/${id}/leave`, {})

    expect(posted.status).toBe(200)
    expect(streamed.filter((e) => e.event === 'message').map((e) => e.data)).toMatchObject([
      { message: { text: '你好' } },
      { message: { text: '在吗' } },
      { message: { text: '收到：在吗' } },
    ])
    expect(left.status).toBe(204)
  })

  it("neither reads nor overwrites a live customer's stored profile of the same id", async () => {
    desk = await openDesk(
      buildFlow(
        'echo',
        [
          { id: 'start', type: 'start' },
          { id: 'hello', type: 'reply', config: { text: '您好，{{ user.name }}' } },
          { id: 'listen', type: 'ask', config: { question: '', variable: 'said' } },
        ],
        [
          ['start', 'next', 'hello'],
          ['hello', 'next', 'listen'],
        ],
        { variables: [{ name: 'said', type: 'string' }] },
      ),
    )
    const t = desk.t
    const live = await t.request('POST', '/api/conversations', {
      flowId: 'echo',
      customerId: 'vip-1',
      profile: { name: '王女士', tier: 'gold' },
    })
    expect(live.status).toBe(201)
    const designer = t.requestAs('designer')

    const peeked = await designer('POST', '/api/flows/echo/test-conversations', {
      customerId: 'vip-1',
    })
    await startTestChat(designer, { customerId: 'vip-1', profile: { name: '测试员' } })

    const { messages } = (await peeked.json()) as { messages: { text: string }[] }
    expect(messages.map((m) => m.text)).toEqual(['您好，'])
    expect(await t.conversations.getCustomerProfile('vip-1')).toEqual({
      name: '王女士',
      tier: 'gold',
    })
  })
})

describe('the live stream read by a person', () => {
  it("masks personal data for an admin while the channel's stream shows it as written", async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed()
    const sent = await agent('POST', `/api/agent/conversations/${id}/messages`, {
      text: '请拨打 13812345678 联系我们',
    })
    expect(sent.status).toBe(201)
    const hasAgentMessage = (list: { event: string; data: unknown }[]) =>
      list.some((e) => JSON.stringify(e.data).includes('"role":"agent"'))

    const channel = await readEventsUntil(
      await desk.t.requestWithApiKey(['handoff-flow'])('GET', `/api/conversations/${id}/stream`),
      hasAgentMessage,
    )
    const admin = await readEventsUntil(
      await desk.t.requestAs('admin')('GET', `/api/conversations/${id}/stream`),
      hasAgentMessage,
    )

    const agentText = (events: { data: unknown }[]) =>
      events
        .map((e) => e.data as { message?: { role: string; text: string } })
        .find((data) => data.message?.role === 'agent')?.message?.text
    expect(agentText(channel)).toBe('请拨打 13812345678 联系我们')
    expect(agentText(admin)).toBe('请拨打 138****5678 联系我们')
  })
})
