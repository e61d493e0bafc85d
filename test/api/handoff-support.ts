import type { Clock, FlowInput, JsonObject } from '../../shared/index.ts'
import { buildFlow } from '../support/flow-builder.ts'
import {
  createTestApp,
  type RequestFn,
  type TestApp,
  type TestAppOptions,
} from '../support/test-app.ts'

/** A clock tests move by hand: Monday 2026-03-02 10:00 in Shanghai at first. */
export function movableClock(iso = '2026-03-02T02:00:00Z') {
  let nowMs = Date.parse(iso)
  const clock: Clock = { now: () => nowMs, timeZone: 'Asia/Shanghai' }
  return {
    clock,
    advance(ms: number) {
      nowMs += ms
    },
  }
}

/**
 * start → greet → listen (ask) ⇄ echo; a 转人工 interrupt jumps to the handoff node `human`,
 * which comes back to `back` (returned) or `offline` (unavailable), both listening again.
 */
export function handoffFlow(id = 'handoff-flow', handoff: JsonObject = {}): FlowInput {
  return buildFlow(
    id,
    [
      { id: 'start', type: 'start' },
      { id: 'greet', type: 'reply', config: { text: '您好，请问有什么可以帮您？' } },
      { id: 'listen', type: 'ask', config: { question: '', variable: 'said', maxAttempts: 10 } },
      { id: 'echo', type: 'reply', config: { text: '收到：{{ input }}' } },
      {
        id: 'human',
        type: 'handoff',
        config: { queue: 'after-sales', timeoutMinutes: 10, summaryByModel: false, ...handoff },
      },
      { id: 'back', type: 'reply', config: { text: '欢迎回来，还有什么可以帮您？' } },
      { id: 'offline', type: 'reply', config: { text: '人工客服暂时不在线，请留言。' } },
    ],
    [
      ['start', 'next', 'greet'],
      ['greet', 'next', 'listen'],
      ['listen', 'answer', 'echo'],
      ['echo', 'next', 'listen'],
      ['human', 'returned', 'back'],
      ['human', 'unavailable', 'offline'],
      ['back', 'next', 'listen'],
      ['offline', 'next', 'listen'],
    ],
    {
      variables: [
        { name: 'said', type: 'string' },
        { name: 'idNumber', type: 'string', isSensitive: true },
      ],
      settings: {
        interrupts: [
          { kind: 'phrases', phrases: ['转人工', '人工客服', 'talk to a human'], target: 'human' },
        ],
      },
    },
  )
}

export interface Desk {
  t: TestApp
  advance(ms: number): void
  agent(): RequestFn
  /** Starts a conversation on the published flow; returns its id. */
  start(profile?: JsonObject): Promise<string>
  say(
    conversationId: string,
    text: string,
  ): Promise<{ status: string; messages: { role: string; text: string }[] }>
  online(request: RequestFn, body?: JsonObject): Promise<void>
  /** An agent comes online, a customer starts and says 转人工: the conversation waits in the queue. */
  handedOff(profile?: JsonObject): Promise<{ agent: RequestFn; id: string }>
  /** As `handedOff`, then that agent claims the conversation. */
  claimed(profile?: JsonObject): Promise<{ agent: RequestFn; id: string }>
  /** The conversation as the customer API shows it. */
  conversation(conversationId: string): Promise<ConversationView>
}

export interface ConversationView {
  status: string
  resolution: string | null
  messages: { role: string; text: string }[]
}

export async function openDesk(
  flow: FlowInput = handoffFlow(),
  options: Pick<TestAppOptions, 'extraNodeTypes'> = {},
): Promise<Desk> {
  const { clock, advance } = movableClock()
  const t = createTestApp({
    ...options,
    clock,
    handoffDesk: { presenceTimeoutMs: 60_000, positionUpdateMs: 30_000 },
  })
  await t.publish(flow)
  const desk: Desk = {
    t,
    advance,
    agent: () => t.requestAs('agent'),
    async start(profile) {
      const response = await t.request('POST', '/api/conversations', {
        flowId: flow.id,
        ...(profile ? { customerId: 'c-1', profile } : {}),
      })
      if (response.status !== 201) throw new Error(await response.text())
      return ((await response.json()) as { id: string }).id
    },
    async say(conversationId, text) {
      const response = await t.request('POST', `/api/conversations/${conversationId}/messages`, {
        text,
      })
      if (response.status !== 200) throw new Error(await response.text())
      return (await response.json()) as {
        status: string
        messages: { role: string; text: string }[]
      }
    },
    async online(request, body = {}) {
      const response = await request('PUT', '/api/agent/presence', { status: 'online', ...body })
      if (response.status !== 200) throw new Error(await response.text())
    },
    async handedOff(profile) {
      const agent = desk.agent()
      await desk.online(agent)
      const id = await desk.start(profile)
      const turn = await desk.say(id, '转人工')
      if (turn.status !== 'waiting_agent') throw new Error(`not handed off: ${turn.status}`)
      return { agent, id }
    },
    async claimed(profile) {
      const { agent, id } = await desk.handedOff(profile)
      const response = await agent('POST', `/api/agent/conversations/${id}/claim`)
      if (response.status !== 200) throw new Error(await response.text())
      return { agent, id }
    },
    async conversation(conversationId) {
      const response = await t.request('GET', `/api/conversations/${conversationId}`)
      if (response.status !== 200) throw new Error(await response.text())
      return (await response.json()) as ConversationView
    },
  }
  return desk
}

/** Reads Server-Sent Events from an open stream until `isDone` says so, then hangs up. */
export async function readEventsUntil(
  response: Response,
  isDone: (events: { event: string; id?: string; data: unknown }[]) => boolean,
  timeoutMs = 5000,
): Promise<{ event: string; id?: string; data: unknown }[]> {
  const reader = response.body?.getReader()
  if (!reader) throw new Error('no body')
  const decoder = new TextDecoder()
  const events: { event: string; id?: string; data: unknown }[] = []
  let buffer = ''
  const deadline = Date.now() + timeoutMs
  try {
    while (!isDone(events)) {
      if (Date.now() > deadline) throw new Error(`stream: no match in ${JSON.stringify(events)}`)
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('stream timed out')), timeoutMs),
        ),
      ])
      if (chunk.done) break
      buffer += decoder.decode(chunk.value, { stream: true })
      let end = buffer.indexOf('\n\n')
      while (end !== -1) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        let event = 'message'
        let id: string | undefined
        const data: string[] = []
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim()
          else if (line.startsWith('id:')) id = line.slice(3).trim()
          else if (line.startsWith('data:')) data.push(line.slice(5).trim())
        }
        if (data.length > 0)
          events.push({ event, ...(id ? { id } : {}), data: JSON.parse(data.join('\n')) })
        end = buffer.indexOf('\n\n')
      }
    }
    return events
  } finally {
    await reader.cancel().catch(() => {})
  }
}
