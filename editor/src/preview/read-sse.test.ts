import { describe, expect, it } from 'vitest'
import { readSse, type SseEvent } from './read-sse.ts'

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk)
      controller.close()
    },
  })
}

/** Splits the encoded text at the given byte offsets. */
function splitAt(text: string, offsets: number[]): Uint8Array[] {
  const bytes = new TextEncoder().encode(text)
  const cuts = [0, ...offsets, bytes.length]
  return cuts.slice(1).map((end, i) => bytes.slice(cuts[i], end))
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<SseEvent[]> {
  const events: SseEvent[] = []
  for await (const event of readSse(stream)) events.push(event)
  return events
}

const turn =
  'event: delta\ndata: {"streamId":"s1","text":"退货运费"}\n\n' +
  'event: message\ndata: {"message":{"id":"m1"}}\n\n' +
  'event: done\ndata: {"status":"active"}\n\n'

const expected: SseEvent[] = [
  { event: 'delta', data: '{"streamId":"s1","text":"退货运费"}' },
  { event: 'message', data: '{"message":{"id":"m1"}}' },
  { event: 'done', data: '{"status":"active"}' },
]

describe('readSse', () => {
  it('reads named events from one chunk', async () => {
    expect(await collect(streamOf(splitAt(turn, [])))).toEqual(expected)
  })

  it('reads the same events whatever the chunk boundaries, byte by byte included', async () => {
    const length = new TextEncoder().encode(turn).length
    const everyByte = Array.from({ length: length - 1 }, (_, i) => i + 1)
    expect(await collect(streamOf(splitAt(turn, everyByte)))).toEqual(expected)
    expect(await collect(streamOf(splitAt(turn, [5, 13, 14, 70, 71])))).toEqual(expected)
  })

  it('keeps a Chinese character whole when its three bytes are split across chunks', async () => {
    const text = 'event: delta\ndata: 退\n\n'
    const start = new TextEncoder().encode('event: delta\ndata: ').length
    // 退 is three bytes in UTF-8: cut after its first and after its second byte.
    const events = await collect(streamOf(splitAt(text, [start + 1, start + 2])))
    expect(events).toEqual([{ event: 'delta', data: '退' }])
  })

  it('handles CRLF split between chunks, comments, multi-line data and a missing final blank line', async () => {
    const text = ': keep-alive\r\nevent: status\r\ndata: a\r\ndata: b\r\n\r\ndata:last'
    const crAt = text.indexOf('\r\n') + 1
    const events = await collect(streamOf(splitAt(text, [crAt])))
    expect(events).toEqual([
      { event: 'status', data: 'a\nb' },
      { event: 'message', data: 'last' },
    ])
  })
})
