import { readError } from '../api-client.ts'
import { readSse, type SseEvent } from '../preview/read-sse.ts'

/**
 * Listens to a GET Server-Sent Events stream of ours (EventSource cannot be aborted per
 * request nor read our error bodies): calls `onEvent` per event, reconnects after a drop with
 * a short pause, stops when `signal` aborts. `path` may be a function, to resume where the
 * last connection ended (`?after=`).
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
      for await (const event of readSse(response.body)) onEvent(event)
    } catch (error) {
      if (signal.aborted) return
      // A refused stream (signed out, no access) does not get better by retrying fast.
      pauseMs = Math.min(pauseMs * 2, 10_000)
      if (error instanceof Error && 'status' in error && error.status === 403) return
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs))
  }
}
