import { type Context, Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import { presenceBodySchema, queueNameSchema } from '../../../shared/index.ts'
import {
  type AgentIdentity,
  type AgentMasking,
  agentActions,
  agentConversationView,
  type HandoffDesk,
  handoffMetrics,
  queueSnapshot,
} from '../../handoff/index.ts'
import type { ConversationStore } from '../../storage/index.ts'
import type { AuthVariables } from '../auth.ts'
import { isOnce, runLive } from '../handoff-streams.ts'
import { parseOrThrow, readJsonBody, readOptionalJsonBody } from '../read-body.ts'

export const agentMessageBodySchema = z.object({ text: z.string().trim().min(1).max(4000) })
export const agentTypingBodySchema = z.object({ isTyping: z.boolean() })
export const agentNoteBodySchema = z.object({ text: z.string().trim().min(1).max(4000) })
export const transferBodySchema = z.union([
  z.strictObject({ queue: queueNameSchema }),
  z.strictObject({ agentId: z.string().min(1).max(200) }),
])
export const closeBodySchema = z.object({
  resolutionCode: z.string().trim().min(1).max(50),
  resolution: z.enum(['resolved', 'unresolved']).default('resolved'),
})
export { presenceBodySchema }

const metricsQuerySchema = z.object({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  queue: queueNameSchema.optional(),
})

const bodyLimit = 16 * 1024
const heartbeatMs = 15_000

export interface AgentConsoleRoutesOptions {
  desk: HandoffDesk
  conversations: ConversationStore
  masking: AgentMasking
}

/** The agent console's API (DESIGN §8): the live queue, claiming, replying and handing back. */
export function agentConsoleRoutes(options: AgentConsoleRoutesOptions) {
  const { desk, conversations, masking } = options
  const context = desk.context
  const app = new Hono<{ Variables: AuthVariables }>()
  const agentOf = (c: Context<{ Variables: AuthVariables }>): AgentIdentity => {
    const principal = c.get('principal')
    // Admins may act on conversations assigned to other agents (desk-guards.ts ownHandoff).
    return { id: principal.id, name: principal.name, isAdmin: principal.role === 'admin' }
  }

  app.get('/queue', (c) => c.json(queueSnapshot(context, agentOf(c))))

  app.get('/stream', (c) => {
    const agent = agentOf(c)
    return streamSSE(c, async (stream) => {
      let lastBeat = 0
      const flush = async () => {
        // The open console is the agent's sign of life; without it they go offline.
        if (context.now() - lastBeat >= heartbeatMs) {
          lastBeat = context.now()
          context.presence.touch(agent.id)
        }
        await stream.writeSSE({
          event: 'queue',
          data: JSON.stringify(queueSnapshot(context, agent)),
        })
      }
      let debounce: ReturnType<typeof setTimeout> | undefined
      await runLive(
        stream,
        flush,
        (schedule) => {
          const stop = desk.hub.onQueue(() => {
            clearTimeout(debounce)
            debounce = setTimeout(schedule, 100)
          })
          return () => {
            clearTimeout(debounce)
            stop()
          }
        },
        { intervalMs: 5000, isOnceOnly: isOnce(c), access: c.get('access') },
      )
    })
  })

  app.put('/presence', async (c) => {
    const agent = agentOf(c)
    const body = await readJsonBody(c, presenceBodySchema, bodyLimit)
    const presence = desk.setPresence(agent, body)
    // Going offline hands the agent's conversations back to the queue.
    if (body.status === 'offline')
      await agentActions.requeueAgent(context, agent.id, 'requeued_agent_offline')
    return c.json(presence)
  })

  app.get('/conversations/:id', async (c) => {
    context.presence.touch(agentOf(c).id)
    return c.json(await agentConversationView(context, conversations, masking, c.req.param('id')))
  })

  app.get('/conversations/:id/stream', async (c) => {
    const conversationId = c.req.param('id')
    await conversations.get(conversationId)
    return streamSSE(c, async (stream) => {
      let isFirst = true
      await runLive(
        stream,
        async () => {
          if (!isFirst) return
          isFirst = false
          await stream.writeSSE({ event: 'changed', data: JSON.stringify({ conversationId }) })
        },
        (_schedule, write) =>
          desk.hub.onConversation(conversationId, (signal) => {
            if (signal.type === 'changed') write('changed', { conversationId })
          }),
        { isOnceOnly: isOnce(c), access: c.get('access') },
      )
    })
  })

  app.post('/conversations/:id/claim', async (c) => {
    const handoff = await agentActions.claim(context, agentOf(c), c.req.param('id'))
    return c.json({ handoff })
  })

  app.post('/conversations/:id/messages', async (c) => {
    const { text } = await readJsonBody(c, agentMessageBodySchema, bodyLimit)
    const message = await agentActions.reply(context, agentOf(c), c.req.param('id'), text)
    return c.json({ message }, 201)
  })

  app.post('/conversations/:id/typing', async (c) => {
    const { isTyping } = await readJsonBody(c, agentTypingBodySchema, bodyLimit)
    agentActions.typing(context, agentOf(c), c.req.param('id'), isTyping)
    return c.body(null, 204)
  })

  app.post('/conversations/:id/notes', async (c) => {
    const { text } = await readJsonBody(c, agentNoteBodySchema, bodyLimit)
    return c.json({ note: agentActions.addNote(context, agentOf(c), c.req.param('id'), text) }, 201)
  })

  app.post('/conversations/:id/transfer', async (c) => {
    const to = await readJsonBody(c, transferBodySchema, bodyLimit)
    const handoff = await agentActions.transfer(context, agentOf(c), c.req.param('id'), to)
    return c.json({ handoff })
  })

  app.post('/conversations/:id/close', async (c) => {
    const body = await readJsonBody(c, closeBodySchema, bodyLimit)
    await agentActions.close(context, agentOf(c), c.req.param('id'), body)
    return c.body(null, 204)
  })

  app.post('/conversations/:id/return', async (c) => {
    await readOptionalJsonBody(c, z.object({}).default({}), bodyLimit)
    return c.json(await agentActions.returnToBot(context, agentOf(c), c.req.param('id')))
  })

  app.get('/canned-responses', (c) => {
    const queue = c.req.query('queue')
    const parsed = queue === undefined ? undefined : parseOrThrow(queueNameSchema, queue)
    return c.json({ cannedResponses: context.settings.listCanned(parsed) })
  })

  app.get('/metrics', (c) => {
    const query = parseOrThrow(metricsQuerySchema, c.req.query())
    const to = query.to ?? new Date(context.now()).toISOString()
    const from = query.from ?? new Date(Date.parse(to) - 24 * 3_600_000).toISOString()
    return c.json(
      handoffMetrics(
        context.database,
        context.presence,
        {
          from,
          to,
          ...(query.queue ? { queue: query.queue } : {}),
        },
        context.now(),
      ),
    )
  })

  return app
}
