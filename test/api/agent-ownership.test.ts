import { afterEach, describe, expect, it } from 'vitest'
import { expectError } from './expect-error.ts'
import { type Desk, openDesk } from './handoff-support.ts'

// Agent-console writes need the conversation to be the agent's own (claimed by them); admins
// may step in on any (runtime/handoff/desk-guards.ts mayHandle).

let desk: Desk | undefined

afterEach(() => desk?.t.close())

/** Everything an action could change: the transcript, the handoff and its notes. */
async function storedState(d: Desk, conversationId: string) {
  const view = (await (
    await d.t.request('GET', `/api/agent/conversations/${conversationId}`)
  ).json()) as { handoff: unknown; notes: unknown }
  return {
    conversation: await d.conversation(conversationId),
    handoff: view.handoff,
    notes: view.notes,
  }
}

const actionsOnAnothersConversation: [string, unknown][] = [
  ['messages', { text: '您好，我来接手' }],
  ['typing', { isTyping: true }],
  ['notes', { text: '这位客户我来跟进' }],
  ['transfer', { queue: 'billing' }],
  ['close', { resolutionCode: 'resolved' }],
  ['return', {}],
]

describe("an agent acting on another agent's conversation", () => {
  it.each(actionsOnAnothersConversation)(
    'refuses %s with 409 handoff_not_assigned and stores nothing',
    async (action, body) => {
      desk = await openDesk()
      const { id } = await desk.claimed()
      const other = desk.agent()
      await desk.online(other)
      const before = await storedState(desk, id)

      const response = await other('POST', `/api/agent/conversations/${id}/${action}`, body)

      const error = await expectError(response, 409, 'handoff_not_assigned')
      expect(error.details).toMatchObject({ conversationId: id, status: 'assigned' })
      expect(error.message).toMatch(/is with .+, not you/)
      expect(await storedState(desk, id)).toEqual(before)
    },
  )

  it('refuses a note on a conversation still waiting in the queue: claim it first', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.handedOff()
    const before = await storedState(desk, id)

    const response = await agent('POST', `/api/agent/conversations/${id}/notes`, {
      text: '先记一笔',
    })

    const error = await expectError(response, 409, 'handoff_not_assigned')
    expect(error.message).toContain('claim it first')
    expect(await storedState(desk, id)).toEqual(before)
  })

  it('lets the agent who closed a conversation still add a note to it', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed()
    await agent('POST', `/api/agent/conversations/${id}/close`, { resolutionCode: 'refund' })

    const response = await agent('POST', `/api/agent/conversations/${id}/notes`, {
      text: '已退款，三天内到账',
    })

    expect(response.status).toBe(201)
    const { notes } = await storedState(desk, id)
    expect(notes).toContainEqual(expect.objectContaining({ text: '已退款，三天内到账' }))
  })

  it('refuses a note on a conversation another agent closed', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed()
    await agent('POST', `/api/agent/conversations/${id}/close`, { resolutionCode: 'refund' })
    const other = desk.agent()
    const before = await storedState(desk, id)

    const response = await other('POST', `/api/agent/conversations/${id}/notes`, { text: '补充' })

    await expectError(response, 409, 'handoff_not_assigned')
    expect(await storedState(desk, id)).toEqual(before)
  })
})

describe("an admin stepping in on an agent's conversation", () => {
  it('may reply, add a note and close it', async () => {
    desk = await openDesk()
    const { id } = await desk.claimed()
    const admin = desk.t.requestAs('admin')

    const replied = await admin('POST', `/api/agent/conversations/${id}/messages`, {
      text: '您好，我是主管',
    })
    const noted = await admin('POST', `/api/agent/conversations/${id}/notes`, { text: '主管接手' })
    const closed = await admin('POST', `/api/agent/conversations/${id}/close`, {
      resolutionCode: 'escalated',
    })

    expect([replied.status, noted.status, closed.status]).toEqual([201, 201, 204])
    const state = await storedState(desk, id)
    expect(state.conversation.status).toBe('closed')
    expect(state.conversation.messages.map((m) => m.text)).toContain('您好，我是主管')
    expect(state.handoff).toMatchObject({ status: 'closed', resolutionCode: 'escalated' })
  })

  it('may hand it back to the bot', async () => {
    desk = await openDesk()
    const { id } = await desk.claimed()

    const response = await desk.t.requestAs('admin')(
      'POST',
      `/api/agent/conversations/${id}/return`,
      {},
    )

    expect(response.status, await response.clone().text()).toBe(200)
    expect((await desk.conversation(id)).status).toBe('active')
  })
})
