import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { maskAllPii } from '../../shared/index.ts'
import type { AgentMask, HandoffDesk } from '../handoff/index.ts'
import type { ConversationStore } from '../storage/index.ts'
import { type AccessWatch, accessEndedEvent, watchAccess } from './stream-access.ts'

const pollMs = 3000
const keepAliveMs = 15_000

/** Where a resumed stream starts: the Last-Event-ID header, else `?after=`, else the beginning. */
export function resumeAfter(c: Context): number {
  const raw = c.req.header('last-event-id') ?? c.req.query('after') ?? '0'
  const seq = Number.parseInt(raw, 10)
  return Number.isFinite(seq) && seq > 0 ? seq : 0
}

/**
 * The customer's live view of a conversation (Server-Sent Events): every new message, whoever
 * wrote it (bot, agent, desk), as `message` with the message's seq as event id, so a client
 * resumes with Last-Event-ID; `status` when the conversation's status, queue place or agent
 * changes; `typing` while an agent types. Changes in this process arrive at once, others' within
 * three seconds. With `mask`, message texts are masked (a person reading a live customer's
 * stream); it ends with `access_ended` when `access` says the caller's access ended.
 */
export function streamConversation(
  c: Context,
  options: {
    conversationId: string
    conversations: ConversationStore
    desk: HandoffDesk
    mask?: AgentMask | undefined
    access?: AccessWatch | undefined
  },
): Response {
  const { conversationId, conversations, desk, mask, access } = options
  let lastSeq = resumeAfter(c)
  const isOnceOnly = isOnce(c)
  return streamSSE(c, async (stream) => {
    let lastStatus = ''
    const flush = async () => {
      const messages = await conversations.transcript(conversationId, lastSeq)
      for (const message of messages) {
        lastSeq += 1
        const shown = mask
          ? { ...message, text: maskAllPii(message.text, mask.piiTypes).text }
          : message
        await stream.writeSSE({
          id: String(lastSeq),
          event: 'message',
          data: JSON.stringify({ seq: lastSeq, message: shown }),
        })
      }
      const status = JSON.stringify(await statusOf(conversations, desk, conversationId))
      if (status !== lastStatus) {
        lastStatus = status
        await stream.writeSSE({ event: 'status', data: status })
      }
    }
    await runLive(
      stream,
      flush,
      (schedule, write) =>
        desk.hub.onConversation(conversationId, (signal) => {
          if (signal.type === 'typing') {
            write('typing', { isTyping: signal.isTyping, agentName: signal.agentName })
          } else schedule()
        }),
      { isOnceOnly, access },
    )
  })
}

/** `?once=1`: send what is there now and end, for clients that poll instead of listening. */
export function isOnce(c: Context): boolean {
  const once = c.req.query('once')
  return once === '1' || once === 'true'
}

export interface LiveOptions {
  /** How often `flush` runs without a signal (3 s by default). */
  intervalMs?: number | undefined
  /** Send what is there now and end (`?once=1`). */
  isOnceOnly?: boolean | undefined
  /** The caller's access, re-checked while open (auth.ts `c.get('access')`). */
  access?: AccessWatch | undefined
}

/**
 * Keeps an SSE response open: runs `flush` now, on each signal, every few seconds, and
 * serially; sends a keep-alive comment now and then; stops when the client goes away, when the
 * caller's access ends (after an `access_ended` event) or, with `isOnceOnly`, after the first
 * flush.
 */
export async function runLive(
  stream: Parameters<Parameters<typeof streamSSE>[1]>[0],
  flush: () => Promise<void>,
  subscribe: (schedule: () => void, write: (event: string, data: unknown) => void) => () => void,
  { intervalMs = pollMs, isOnceOnly = false, access }: LiveOptions = {},
): Promise<void> {
  if (isOnceOnly) {
    await flush()
    return
  }
  let chain = Promise.resolve()
  const schedule = () => {
    chain = chain.then(flush).catch(() => stream.abort())
  }
  const write = (event: string, data: unknown) => {
    chain = chain
      .then(() => stream.writeSSE({ event, data: JSON.stringify(data) }))
      .catch(() => stream.abort())
  }
  const unsubscribe = subscribe(schedule, write)
  schedule()
  const poll = setInterval(schedule, intervalMs)
  const keepAlive = setInterval(() => {
    chain = chain
      .then(() => stream.write(': keep-alive\n\n').then(() => {}))
      .catch(() => stream.abort())
  }, keepAliveMs)
  let stopWatching = () => {}
  try {
    await new Promise<void>((resolve) => {
      stream.onAbort(resolve)
      if (access) {
        stopWatching = watchAccess(access, () => {
          chain = chain
            .then(() => stream.writeSSE(accessEndedEvent))
            .catch(() => {})
            .finally(resolve)
        })
      }
    })
  } finally {
    stopWatching()
    clearInterval(poll)
    clearInterval(keepAlive)
    unsubscribe()
  }
}

async function statusOf(
  conversations: ConversationStore,
  desk: HandoffDesk,
  conversationId: string,
) {
  const conversation = await conversations.get(conversationId)
  const handoff = desk.context.handoffs.active(conversationId)
  if (!handoff) return { status: conversation.status, queue: null, agentName: null }
  const position = handoff.status === 'waiting' ? desk.context.handoffs.positionOf(handoff) : null
  return {
    status: conversation.status,
    queue:
      position === null
        ? null
        : {
            name: handoff.queue,
            position,
            estimatedWaitMs: desk.estimateWaitMs(handoff.queue, position),
          },
    agentName: handoff.agentName,
  }
}
