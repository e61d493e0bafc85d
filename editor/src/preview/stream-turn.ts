import { readError } from '../api-client.ts'
import { sessionHeaders } from '../app/session-store.ts'
import { readSse } from './read-sse.ts'

export type TurnEvent =
  | { type: 'delta'; streamId: string; text: string }
  | { type: 'message'; message: unknown }

/**
 * POSTs one turn asking for Server-Sent Events; calls `onEvent` for each delta and stored
 * message and resolves with the `done` result (the truth for the turn). A server that answers
 * with plain JSON (no stream for this route) resolves with that body.
 */
export async function postTurn(
  path: string,
  body: unknown,
  onEvent: (event: TurnEvent) => void,
): Promise<unknown> {
  const response = await fetch(path, {
    method: 'POST',
    headers: {
      ...sessionHeaders('POST'),
      accept: 'text/event-stream, application/json',
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  })
  const isStream = (response.headers.get('content-type') ?? '').includes('text/event-stream')
  if (!isStream || !response.body) {
    const text = await response.text()
    let parsed: unknown
    try {
      parsed = text === '' ? undefined : JSON.parse(text)
    } catch {
      parsed = undefined
    }
    if (!response.ok) throw readError(response.status, parsed, response.statusText)
    return parsed
  }
  for await (const event of readSse(response.body)) {
    const data: unknown = JSON.parse(event.data)
    if (event.event === 'done') return data
    if (event.event === 'error') throw readError(500, data, 'stream error')
    if (event.event === 'delta' && isDelta(data)) onEvent({ type: 'delta', ...data })
    if (event.event === 'message' && typeof data === 'object' && data !== null && 'message' in data)
      onEvent({ type: 'message', message: data.message })
  }
  throw new Error('the stream ended before the turn was done')
}

function isDelta(data: unknown): data is { streamId: string; text: string } {
  return (
    typeof data === 'object' &&
    data !== null &&
    'streamId' in data &&
    typeof data.streamId === 'string' &&
    'text' in data &&
    typeof data.text === 'string'
  )
}
