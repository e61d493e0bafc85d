import { randomUUID } from 'node:crypto'
import { Hono } from 'hono'
import { z } from 'zod'
import { jsonValueSchema } from '../../../shared/index.ts'
import type {
  ConversationEvent,
  ConversationEventStore,
  ConversationStore,
} from '../../storage/index.ts'
import type { AuthVariables } from '../auth.ts'
import { readJsonBody } from '../read-body.ts'

export const postConversationEventBodySchema = z.strictObject({
  /** Only conversions come from outside; CSAT answers come from the flow's csat node. */
  type: z.literal('conversion'),
  name: z.string().trim().min(1).max(100),
  /** An amount such as the order value. */
  value: z.number().finite().min(-1e12).max(1e12).nullable().optional(),
  /** Anything the business wants to keep with it (order id, …), up to the body limit. */
  detail: jsonValueSchema.optional(),
  /** A repeated post with the same key answers with the first event and stores nothing. */
  idempotencyKey: z.string().min(1).max(200).optional(),
})

export interface ConversationEventRoutesOptions {
  conversations: ConversationStore
  events: ConversationEventStore
  now: () => number
}

const maxEventBodyBytes = 16 * 1024

/**
 * KPI events of one conversation, mounted under /api/conversations: a business's own system
 * posts conversions (an order paid after the chat) the same way the flow's goal node records
 * them.
 */
export function conversationEventRoutes(options: ConversationEventRoutesOptions) {
  const { conversations, events } = options
  const app = new Hono<{ Variables: AuthVariables }>()

  app.post('/:id/events', async (c) => {
    const conversation = await conversations.get(c.req.param('id'))
    const body = await readJsonBody(c, postConversationEventBodySchema, maxEventBodyBytes)
    const event: ConversationEvent = {
      id: randomUUID(),
      conversationId: conversation.id,
      flowId: conversation.flowId,
      flowVersion: conversation.flowVersion,
      variant: conversation.variant,
      type: body.type,
      name: body.name,
      value: body.value ?? null,
      detail: body.detail ?? null,
      source: 'api',
      nodeId: null,
      turnId: null,
      idempotencyKey: body.idempotencyKey ?? null,
      createdAt: new Date(options.now()).toISOString(),
    }
    const recorded = await events.record(event)
    // The same answer for a repeat, so a client retrying after a lost response sees success.
    return c.json({ event: recorded.event }, 201)
  })

  app.get('/:id/events', async (c) => {
    const conversation = await conversations.get(c.req.param('id'))
    return c.json({ conversationId: conversation.id, events: await events.list(conversation.id) })
  })

  return app
}
