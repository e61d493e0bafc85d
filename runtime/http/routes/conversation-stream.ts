import { Hono } from 'hono'
import { z } from 'zod'
import { agentActions, type HandoffDesk } from '../../handoff/index.ts'
import type { ConversationStore } from '../../storage/index.ts'
import type { AuthVariables } from '../auth.ts'
import { streamConversation } from '../handoff-streams.ts'
import { readOptionalJsonBody } from '../read-body.ts'

export const leaveBodySchema = z.object({}).default({})

/**
 * The customer's side between turns: a live stream of the conversation (agent messages arrive
 * here like bot messages) and "the customer left".
 */
export function conversationStreamRoutes(options: {
  conversations: ConversationStore
  desk: HandoffDesk
}) {
  const { conversations, desk } = options
  const app = new Hono<{ Variables: AuthVariables }>()

  app.get('/:id/stream', async (c) => {
    const conversationId = c.req.param('id')
    // Unknown ids get their 404 before the stream starts.
    await conversations.get(conversationId)
    return streamConversation(c, { conversationId, conversations, desk })
  })

  app.post('/:id/leave', async (c) => {
    await readOptionalJsonBody(c, leaveBodySchema, 1024)
    await agentActions.leave(desk.context, c.req.param('id'))
    return c.body(null, 204)
  })

  return app
}
