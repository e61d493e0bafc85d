import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { TurnListener, TurnResult } from '../engine/index.ts'
import type { Logger } from '../logger.ts'
import { errorBody } from './on-error.ts'

/** Whether the client asked for the turn as Server-Sent Events. */
export function wantsStream(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('text/event-stream')
}

/**
 * Streams one turn as Server-Sent Events: `delta` (streamed text, sentence by sentence),
 * `message` (each stored bot message), `status`, then `done` with the whole result — or
 * `error` with the same body a JSON request would have got.
 */
export function streamTurn(
  c: Context,
  log: Logger,
  run: (onEvent: TurnListener) => Promise<TurnResult & { id?: string; snapshotId?: number }>,
): Response {
  return streamSSE(c, async (stream) => {
    const pending: Promise<void>[] = []
    const sentIds = new Set<string>()
    const onEvent: TurnListener = (event) => {
      if (event.type === 'message') sentIds.add(event.message.id)
      const data =
        event.type === 'delta'
          ? { streamId: event.streamId, text: event.text }
          : { message: event.message }
      pending.push(stream.writeSSE({ event: event.type, data: JSON.stringify(data) }))
    }
    try {
      const result = await run(onEvent)
      // A replayed turn (repeated idempotency key) ran nothing: send its stored messages.
      for (const message of result.messages) {
        if (!sentIds.has(message.id)) onEvent({ type: 'message', message })
      }
      await Promise.all(pending)
      await stream.writeSSE({ event: 'status', data: JSON.stringify({ status: result.status }) })
      await stream.writeSSE({ event: 'done', data: JSON.stringify(result) })
    } catch (error) {
      await Promise.all(pending)
      const { body } = errorBody(error, log)
      await stream.writeSSE({ event: 'error', data: JSON.stringify(body) })
    }
  })
}
