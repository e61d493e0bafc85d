import { readError } from '../api-client.ts'
import { useSessionStore } from '../app/session-store.ts'
import { readSse, type SseEvent } from '../preview/read-sse.ts'

/**
 * Listens to a GET Server-Sent Events stream of ours (EventSource cannot be aborted per
 * request nor read our error bodies): calls `onEvent` per event, reconnects after a drop with
 * a short pause, stops when `signal` aborts. `path` may be a function, to resume where the
 * last connection ended (`?after=`). When the caller's access ends (401, or the server's
 * `access_ended` event on an open stream: signed out, disabled, key revoked, session expired)
 * it stops and the session is marked expired, so the page asks to sign in again instead of
 * retrying a door that stays shut; a 403 (no access to this stream) stops too.
 */
export async function listenLive(
  path: string | (() => string),
  onEvent: (event: SseEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  let pauseMs = 500
  while (!signal.aborted) {
    try {
      const response = await fetch(typeof path === 'function' ? path() : path, {
        headers: { accept: 'text/event-stream' },
        signal,
      })
      if (!response.ok || !response.body) {
        const body: unknown = await response.json().catch(() => undefined)
        throw readError(response.status, body, response.statusText)
      }
      pauseMs = 500
      for await (const event of readSse(response.body)) {
        if (event.event === 'access_ended') {
          useSessionStore.getState().expire()
          return
        }
        onEvent(event)
      }
    } catch (error) {
      if (signal.aborted) return
      const status = error instanceof Error && 'status' in error ? error.status : undefined
      if (status === 401) useSessionStore.getState().expire()
      if (status === 401 || status === 403) return
      pauseMs = Math.min(pauseMs * 2, 10_000)
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs))
  }
}
