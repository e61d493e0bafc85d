import { z } from 'zod'
import type { TurnEvent } from './stream-turn.ts'

export const messageSchema = z.object({
  id: z.string(),
  role: z.enum(['customer', 'bot', 'agent', 'system']),
  text: z.string(),
  quickReplies: z.array(z.object({ label: z.string(), value: z.string().optional() })).optional(),
  nodeId: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).nullish(),
})
/** A stored message, or (`isStreaming`) a bot bubble still receiving deltas. */
export type ChatMessage = z.infer<typeof messageSchema> & { isStreaming?: boolean }

/**
 * The chat after one stream event: a delta grows the bubble of its streamId (a new one first);
 * a stored message replaces the bubble whose id matches its `meta.streamId`, or is appended
 * (unless it is there already).
 */
export function applyTurnEvent(messages: ChatMessage[], event: TurnEvent): ChatMessage[] {
  if (event.type === 'delta') {
    const id = `stream:${event.streamId}`
    return messages.some((m) => m.id === id)
      ? messages.map((m) => (m.id === id ? { ...m, text: m.text + event.text } : m))
      : [...messages, { id, role: 'bot', text: event.text, isStreaming: true }]
  }
  const parsed = messageSchema.safeParse(event.message)
  if (!parsed.success) return messages
  const message = parsed.data
  const streamId = message.meta?.streamId
  const bubbleId = typeof streamId === 'string' ? `stream:${streamId}` : null
  // The customer stream (between turns) may have brought this message already.
  if (messages.some((m) => m.id === message.id)) return messages.filter((m) => m.id !== bubbleId)
  return messages.some((m) => m.id === bubbleId)
    ? messages.map((m) => (m.id === bubbleId ? message : m))
    : [...messages, message]
}
