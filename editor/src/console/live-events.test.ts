import { afterEach, describe, expect, it, vi } from 'vitest'
import { useSessionStore } from '../app/session-store.ts'
import { listenLive } from './live-events.ts'

// A live stream (the agent console's queue, the test chat's agent messages) stops for good when
// the caller's access ends, and the page learns the session is over, instead of retrying.

function sseResponse(text: string): Response {
  return new Response(new TextEncoder().encode(text), {
    headers: { 'content-type': 'text/event-stream' },
  })
}

function signedIn(): void {
  useSessionStore.setState({ status: 'signed-in', hasExpired: false })
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('listenLive', () => {
  it('stops and marks the session expired on the server’s access_ended event', async () => {
    signedIn()
    const fetchStub = vi.fn(async () =>
      sseResponse('event: message\ndata: {"n":1}\n\nevent: access_ended\ndata: {}\n\n'),
    )
    vi.stubGlobal('fetch', fetchStub)
    const events: string[] = []

    await listenLive('/api/agent/stream', (e) => events.push(e.event), new AbortController().signal)

    expect(events).toEqual(['message'])
    expect(fetchStub).toHaveBeenCalledTimes(1)
    expect(useSessionStore.getState().hasExpired).toBe(true)
  })

  it('stops and marks the session expired when the stream answers 401', async () => {
    signedIn()
    const fetchStub = vi.fn(async () =>
      Response.json({ code: 'unauthorized', message: 'Sign in' }, { status: 401 }),
    )
    vi.stubGlobal('fetch', fetchStub)

    await listenLive('/api/agent/stream', () => {}, new AbortController().signal)

    expect(fetchStub).toHaveBeenCalledTimes(1)
    expect(useSessionStore.getState().hasExpired).toBe(true)
  })

  it('stops on 403 without ending the session', async () => {
    signedIn()
    const fetchStub = vi.fn(async () =>
      Response.json({ code: 'forbidden', message: 'No' }, { status: 403 }),
    )
    vi.stubGlobal('fetch', fetchStub)

    await listenLive('/api/agent/stream', () => {}, new AbortController().signal)

    expect(fetchStub).toHaveBeenCalledTimes(1)
    expect(useSessionStore.getState().hasExpired).toBe(false)
  })

  it('reconnects after a dropped stream', async () => {
    signedIn()
    const controller = new AbortController()
    const fetchStub = vi.fn(async () => {
      if (fetchStub.mock.calls.length >= 2) controller.abort()
      return sseResponse('event: message\ndata: {}\n\n')
    })
    vi.stubGlobal('fetch', fetchStub)

    await listenLive('/api/agent/stream', () => {}, controller.signal)

    expect(fetchStub).toHaveBeenCalledTimes(2)
    expect(useSessionStore.getState().hasExpired).toBe(false)
  })
})
