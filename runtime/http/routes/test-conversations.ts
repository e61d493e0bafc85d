import { Hono } from 'hono'
import { z } from 'zod'
import { FlowInvalidError, flowIdSchema, type NodeRegistry } from '../../../shared/index.ts'
import {
  type Engine,
  prepareFlow,
  requireValidFlow,
  type TurnListener,
} from '../../engine/index.ts'
import type { Logger } from '../../logger.ts'
import type { FlowStore } from '../../storage/index.ts'
import type { AuthVariables } from '../auth.ts'
import { parseOrThrow, readOptionalJsonBody } from '../read-body.ts'
import { streamTurn, wantsStream } from '../stream-turn.ts'
import { startConversationBodySchema } from './conversations.ts'

/** Like starting a conversation, minus the flow id (it is in the URL); the channel says "test". */
export const startTestConversationBodySchema = startConversationBodySchema
  .omit({ flowId: true })
  .extend({ channel: z.string().min(1).max(50).default('test') })
  .default({ channel: 'test' })

export interface TestConversationRoutesOptions {
  flows: FlowStore
  registry: NodeRegistry
  engine: Engine
  log: Logger
}

/**
 * The editor's test chat talks to the current draft: it is validated and prepared like a
 * publish, frozen as an unlisted snapshot, and a conversation starts on that snapshot. Its
 * messages then go through the ordinary POST /api/conversations/:id/messages.
 */
export function testConversationRoutes(options: TestConversationRoutesOptions) {
  const { flows, registry, engine, log } = options
  const app = new Hono<{ Variables: AuthVariables }>()

  app.post('/:id/test-conversations', async (c) => {
    const flowId = parseOrThrow(flowIdSchema, c.req.param('id'))
    const body = await readOptionalJsonBody(c, startTestConversationBodySchema, 64 * 1024)
    const draft = await flows.get(flowId)
    const { flow } = requireValidFlow(draft.flow, registry, flowId)
    const { prepared, problems } = await prepareFlow(flow, registry)
    if (problems.length > 0) throw new FlowInvalidError(flowId, problems)
    const snapshot = await flows.snapshots.save(flow, prepared)
    // A test customer is not a real one: its stored profile lives apart (`test:<customerId>`),
    // so a test chat neither reads a live customer's profile nor overwrites it.
    const customerKey = body.customerId === undefined ? undefined : `test:${body.customerId}`
    const request = { ...body, flowId, ...(customerKey ? { customerKey } : {}) }
    const start = async (onEvent?: TurnListener) => {
      const result = await engine.startTestConversation(request, snapshot.id, onEvent)
      return { id: result.conversationId, snapshotId: snapshot.id, ...result }
    }
    if (wantsStream(c)) return streamTurn(c, log, start)
    return c.json(await start(), 201)
  })

  return app
}
