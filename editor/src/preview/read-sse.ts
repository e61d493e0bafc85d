/** One Server-Sent Event: its `event:` name ("message" when absent) and its joined `data:` lines. */
export interface SseEvent {
  event: string
  data: string
}

/**
 * Reads Server-Sent Events from a fetch body. EventSource cannot POST, so the test chat reads
 * the stream itself. Chunks may split lines and UTF-8 characters anywhere: the decoder keeps
 * partial bytes and only complete lines are parsed.
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder()
  const reader = body.getReader()
  let buffer = ''
  let event = ''
  let data: string[] = []
  function* takeLines(): Generator<SseEvent> {
    for (;;) {
      const end = buffer.search(/\r\n|\r|\n/)
      // A lone "\r" at the end may be the first half of "\r\n": wait for the next chunk.
      if (end === -1 || (end === buffer.length - 1 && buffer[end] === '\r')) return
      const line = buffer.slice(0, end)
      buffer = buffer.slice(buffer.startsWith('\r\n', end) ? end + 2 : end + 1)
      if (line === '') {
        if (data.length > 0) yield { event: event || 'message', data: data.join('\n') }
        event = ''
        data = []
        continue
      }
      if (line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon === -1 ? line : line.slice(0, colon)
      let value = colon === -1 ? '' : line.slice(colon + 1)
      if (value.startsWith(' ')) value = value.slice(1)
      if (field === 'event') event = value
      else if (field === 'data') data.push(value)
    }
  }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true })
      yield* takeLines()
      if (done) break
    }
    // A stream that ends without the final blank line still delivers its last event.
    buffer += '\n\n'
    yield* takeLines()
  } finally {
    reader.releaseLock()
  }
}
