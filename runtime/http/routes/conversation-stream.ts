import { Hono } from 'hono'
import { z } from 'zod'
import { type AgentMasking, agentActions, type HandoffDesk } from '../../handoff/index.ts'
import type { ConversationStore } from '../../storage/index.ts'
import type { AuditVariables } from '../audit-context.ts'
import type { AuthVariables } from '../auth.ts'
import { assertMayActAsCustomer, streamMaskFor } from '../conversation-access.ts'
import { streamConversation } from '../handoff-streams.ts'
import { readOptionalJsonBody } from '../read-body.ts'

export const leaveBodySchema = z.object({}).default({})

/**
 * The customer's side between turns: a live stream of the conversation (agent messages arrive
 * here like bot messages) and "the customer left". Only whoever may speak for the customer may
 * use them (conversation-access.ts): channels, admins, and designers in their test chats.
 */
export function conversationStreamRoutes(options: {
  conversations: ConversationStore
  desk: HandoffDesk
  /** What the flow's compliance policy masks, for a person reading a live customer's stream. */
  masking?: AgentMasking
}) {
  const { conversations, desk, masking } = options
  const app = new Hono<{ Variables: AuthVariables & AuditVariables }>()

  app.get('/:id/stream', async (c) => {
    const conversationId = c.req.param('id')
    const principal = c.get('principal')
    await assertMayActAsCustomer(principal, conversations, conversationId)
    // Unknown ids get their 404 before the stream starts.
    const conversation = await conversations.get(conversationId)
    const mask = await streamMaskFor(principal, conversation, masking)
    return streamConversation(c, {
      conversationId,
      conversations,
      desk,
      mask,
      access: c.get('access'),
    })
  })

  app.post('/:id/leave', async (c) => {
    const conversationId = c.req.param('id')
    const side = await assertMayActAsCustomer(c.get('principal'), conversations, conversationId)
    if (side === 'person_in_live_conversation') {
      c.set('audit', {
        action: 'conversation.leave_as_customer',
        target: `conversation:${conversationId}`,
      })
    }
    await readOptionalJsonBody(c, leaveBodySchema, 1024)
    await agentActions.leave(desk.context, conversationId)
    return c.body(null, 204)
  })

  return app
}
