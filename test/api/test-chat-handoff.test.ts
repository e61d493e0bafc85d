import { afterEach, describe, expect, it } from 'vitest'
import { type Desk, openDesk } from './handoff-support.ts'

// A designer's test chat hands off like a real conversation, so the flow can be tried end to
// end with an agent; the console marks it, and the desk's metrics leave it out (as analytics do).

let desk: Desk | undefined

afterEach(() => desk?.t.close())

async function testChatHandedOff(d: Desk): Promise<string> {
  const designer = d.t.requestAs('designer')
  const started = await designer('POST', '/api/flows/handoff-flow/test-conversations', {})
  expect(started.status, await started.clone().text()).toBe(201)
  const id = ((await started.json()) as { id: string }).id
  const turn = await designer('POST', `/api/conversations/${id}/messages`, { text: '转人工' })
  expect(((await turn.json()) as { status: string }).status).toBe('waiting_agent')
  return id
}

interface QueueItem {
  conversationId: string
  isTest: boolean
}

describe("a test chat's handoff", () => {
  it('waits in the queue marked as a test, beside a live customer who is not', async () => {
    desk = await openDesk()
    const { agent, id: live } = await desk.handedOff()
    const test = await testChatHandedOff(desk)

    const queue = (await (await agent('GET', '/api/agent/queue')).json()) as {
      waiting: QueueItem[]
    }

    expect(queue.waiting.map((item) => [item.conversationId, item.isTest])).toEqual([
      [live, false],
      [test, true],
    ])
  })

  it('shows as a test in the conversation view once claimed', async () => {
    desk = await openDesk()
    const agent = desk.agent()
    await desk.online(agent)
    const test = await testChatHandedOff(desk)

    await agent('POST', `/api/agent/conversations/${test}/claim`)
    const view = (await (await agent('GET', `/api/agent/conversations/${test}`)).json()) as {
      handoff: QueueItem
    }

    expect(view.handoff.isTest).toBe(true)
  })

  it("counts in none of the desk's metrics", async () => {
    desk = await openDesk()
    const { agent, id: live } = await desk.handedOff()
    const test = await testChatHandedOff(desk)
    for (const id of [live, test]) {
      await agent('POST', `/api/agent/conversations/${id}/claim`)
      await agent('POST', `/api/agent/conversations/${id}/messages`, { text: '您好' })
      await agent('POST', `/api/agent/conversations/${id}/close`, { resolutionCode: 'resolved' })
    }

    const response = await agent(
      'GET',
      '/api/agent/metrics?from=2026-03-02T00:00:00.000Z&to=2026-03-03T00:00:00.000Z',
    )

    expect(await response.json()).toMatchObject({
      handoffs: 1,
      byStatus: { closed: 1 },
      timeToFirstReply: { count: 1 },
      agents: [{ handled: 1 }],
      conversationsStarted: 1,
      conversationsHandedOff: 1,
    })
  })
})
