import { afterEach, describe, expect, it } from 'vitest'
import type { Role } from '../../shared/index.ts'
import { echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { movableClock } from './handoff-support.ts'
import { parseSse, type SseEvent } from './sse.ts'

// Open streams end when their caller's access does (runtime/http/stream-access.ts): each
// stream re-checks its credential every `accessRecheckMs` (20 ms here, 5 s by default).

const recheckMs = 20
/** How long a stream may stay open after its access ended: many re-checks, still quick. */
const boundMs = 1000

let t: TestApp

afterEach(() => t.close())

function openApp(clock = movableClock().clock) {
  t = createTestApp({ accessRecheckMs: recheckMs, clock })
  return t
}

async function startConversation(): Promise<string> {
  await t.publish(echoFlow())
  const response = await t.request('POST', '/api/conversations', { flowId: 'echo' })
  return ((await response.json()) as { id: string }).id
}

async function signedIn(role: Role) {
  const session = await t.signInAs(role)
  const get = (path: string) => t.app.request(path, { headers: session.headers })
  return { ...session, get }
}

/**
 * Reads a stream as it comes until it ends or `waitMs` pass (then hangs up): its events, and
 * whether the server ended it, and when.
 */
async function readFor(response: Response, waitMs: number) {
  // (An open stream's text never completes: read the body only when it is an error.)
  if (response.status !== 200) throw new Error(`${response.status}: ${await response.text()}`)
  const reader = response.body?.getReader()
  if (!reader) throw new Error('no body')
  const decoder = new TextDecoder()
  let text = ''
  let endedAtMs: number | undefined
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), waitMs))
  for (;;) {
    const chunk = await Promise.race([reader.read(), timeout])
    if (chunk === 'timeout') break
    if (chunk.done) {
      endedAtMs = Date.now()
      break
    }
    text += decoder.decode(chunk.value, { stream: true })
  }
  await reader.cancel().catch(() => {})
  const events: SseEvent[] = parseSse(text)
  return { events, hasEnded: endedAtMs !== undefined, endedAtMs }
}

/** Opens the stream, lets it send its first events, then runs `endAccess` and reads on. */
async function endAccessWhileOpen(response: Response, endAccess: () => Promise<void>) {
  const reading = readFor(response, boundMs + 2000)
  await new Promise((resolve) => setTimeout(resolve, recheckMs * 3))
  const endedAccessAtMs = Date.now()
  await endAccess()
  const result = await reading
  return { ...result, tookMs: (result.endedAtMs ?? Number.POSITIVE_INFINITY) - endedAccessAtMs }
}

describe('an open stream when its access ends', () => {
  it("ends the customer's stream within a second of its API key being revoked", async () => {
    openApp()
    const id = await startConversation()
    const { apiKey, key } = await t.accounts.apiKeys.create({
      name: 'web chat',
      flowIds: ['echo'],
      createdBy: 'test',
    })
    const stream = await t.app.request(`/api/conversations/${id}/stream`, {
      headers: { authorization: `Bearer ${key}` },
    })

    const result = await endAccessWhileOpen(stream, async () => {
      const revoked = await t.request('DELETE', `/api/api-keys/${apiKey.id}`)
      expect(revoked.status).toBe(200)
    })

    expect(result.hasEnded).toBe(true)
    expect(result.tookMs).toBeLessThan(boundMs)
    expect(result.events.at(0)?.event).toBe('message')
    expect(result.events.at(-1)).toMatchObject({ event: 'access_ended' })
    expect(JSON.parse(result.events.at(-1)?.data ?? '{}')).toMatchObject({ code: 'unauthorized' })
  })

  it("ends an agent's queue stream when an admin disables the agent", async () => {
    openApp()
    const agent = await signedIn('agent')
    const stream = await agent.get('/api/agent/stream')

    const result = await endAccessWhileOpen(stream, async () => {
      const disabled = await t.request('PUT', `/api/users/${agent.user.id}`, { isDisabled: true })
      expect(disabled.status).toBe(200)
    })

    expect(result.hasEnded).toBe(true)
    expect(result.tookMs).toBeLessThan(boundMs)
    expect(result.events.at(0)?.event).toBe('queue')
    expect(result.events.at(-1)?.event).toBe('access_ended')
  })

  it("ends an agent's conversation stream when that session signs out", async () => {
    openApp()
    const id = await startConversation()
    const agent = await signedIn('agent')
    const stream = await agent.get(`/api/agent/conversations/${id}/stream`)

    const result = await endAccessWhileOpen(stream, async () => {
      const signedOut = await t.app.request('/api/auth/sign-out', {
        method: 'POST',
        headers: agent.headers,
      })
      expect(signedOut.status).toBe(204)
    })

    expect(result.hasEnded).toBe(true)
    expect(result.tookMs).toBeLessThan(boundMs)
    expect(result.events.at(-1)?.event).toBe('access_ended')
  })

  it('ends a stream when its session passes the idle limit, which the stream does not reset', async () => {
    const { clock, advance } = movableClock()
    openApp(clock)
    const admin = await signedIn('admin')
    const id = await startConversation()
    const stream = await admin.get(`/api/conversations/${id}/stream`)

    // Halfway (past the once-a-minute touch), the stream's re-checks would touch the session if
    // they counted as activity; then the rest of the 2 h idle limit passes.
    advance(61 * 60_000)
    const result = await endAccessWhileOpen(stream, async () => {
      advance(60 * 60_000)
    })

    expect(result.hasEnded).toBe(true)
    expect(result.tookMs).toBeLessThan(boundMs)
    expect(result.events.at(-1)?.event).toBe('access_ended')
  })

  it("ends an agent's queue stream when their role changes to one the console does not allow", async () => {
    openApp()
    const agent = await signedIn('agent')
    const stream = await agent.get('/api/agent/stream')

    const result = await endAccessWhileOpen(stream, async () => {
      const changed = await t.request('PUT', `/api/users/${agent.user.id}`, { role: 'analyst' })
      expect(changed.status).toBe(200)
    })

    expect(result.hasEnded).toBe(true)
    expect(result.tookMs).toBeLessThan(boundMs)
  })

  it('keeps a stream open while its caller keeps access', async () => {
    openApp()
    const agent = await signedIn('agent')

    const result = await readFor(await agent.get('/api/agent/stream'), recheckMs * 15)

    expect(result.hasEnded).toBe(false)
    expect(result.events.map((e) => e.event)).not.toContain('access_ended')
  })
})
