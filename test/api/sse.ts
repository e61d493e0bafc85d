/** One Server-Sent Event as the client sees it: its `event` name and its `data` text. */
export interface SseEvent {
  event: string
  data: string
}

/**
 * Parses a whole `text/event-stream` body (WHATWG HTML §9.2): events are separated by a blank
 * line, `data` lines join with "\n", comment lines start with ":", and an event without an
 * `event` field is called "message".
 */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = []
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n\n+/)) {
    let event = 'message'
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon === -1 ? line : line.slice(0, colon)
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'event') event = value
      else if (field === 'data') data.push(value)
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') })
  }
  return events
}

/** Reads a streamed response to its end and returns its events with `data` parsed as JSON. */
export async function readSseJson(response: Response): Promise<{ event: string; data: unknown }[]> {
  return parseSse(await response.text()).map(({ event, data }) => ({
    event,
    data: JSON.parse(data),
  }))
}
