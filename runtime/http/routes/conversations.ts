import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import {
  flowIdSchema,
  InvalidRequestError,
  type JsonValue,
  jsonObjectSchema,
  localeSchema,
  maskAllPii,
} from '../../../shared/index.ts'
import type { ComplianceEventStore } from '../../compliance/index.ts'
import type { Engine, TurnResult } from '../../engine/index.ts'
import { type AgentMasking, maskValue, maskVariables } from '../../handoff/index.ts'
import type { Logger } from '../../logger.ts'
import type { ConversationStore } from '../../storage/index.ts'
import type { AuditVariables } from '../audit-context.ts'
import { type AuthVariables, assertMayUseFlow, type Principal } from '../auth.ts'
import { assertMayActAsCustomer } from '../conversation-access.ts'
import { readJsonBody } from '../read-body.ts'
import { streamTurn, wantsStream } from '../stream-turn.ts'

const idempotencyKeySchema = z.string().min(1).max(200)

export const startConversationBodySchema = z.object({
  flowId: flowIdSchema,
  customerId: z.string().min(1).max(200).optional(),
  channel: z.string().min(1).max(50).default('api'),
  profile: jsonObjectSchema.optional(),
  locale: localeSchema.optional(),
  idempotencyKey: idempotencyKeySchema.optional(),
})

export const postMessageBodySchema = z.object({
  text: z.string().max(4000),
  /** The value of a tapped quick reply. */
  payload: z.string().max(1000).optional(),
  idempotencyKey: idempotencyKeySchema.optional(),
})

export interface ConversationRoutesOptions {
  engine: Engine
  conversations: ConversationStore
  log: Logger
  /** Compliance decisions on this conversation's messages, shown with its trace. */
  complianceEvents?: ComplianceEventStore
  /** What the flow's compliance policy masks: applied to transcripts and traces read here. */
  masking?: AgentMasking
}

const maxMessageBodyBytes = 64 * 1024

export function conversationRoutes(options: ConversationRoutesOptions) {
  const { engine, conversations, log, complianceEvents, masking } = options
  const app = new Hono<{ Variables: AuthVariables & AuditVariables }>()

  app.post('/', async (c) => {
    const body = await readJsonBody(c, startConversationBodySchema, maxMessageBodyBytes)
    const principal = c.get('principal')
    assertMayUseFlow(principal, body.flowId)
    const request = {
      ...body,
      customerKey: customerKeyFor(principal, body.customerId),
      idempotencyKey: body.idempotencyKey ?? idempotencyHeader(c),
    }
    if (wantsStream(c)) {
      // Errors known before the turn starts still get their HTTP status, not a stream.
      await engine.checkCanStart(request)
      return streamTurn(c, log, async (onEvent) =>
        startResponse(await engine.startConversation(request, onEvent)),
      )
    }
    const result = await engine.startConversation(request)
    return c.json(startResponse(result), 201)
  })

  app.post('/:id/messages', async (c) => {
    const conversationId = c.req.param('id')
    const side = await assertMayActAsCustomer(c.get('principal'), conversations, conversationId)
    if (side === 'person_in_live_conversation') {
      c.set('audit', {
        action: 'conversation.message_as_customer',
        target: `conversation:${conversationId}`,
      })
    }
    const body = await readJsonBody(c, postMessageBodySchema, maxMessageBodyBytes)
    const request = { ...body, idempotencyKey: body.idempotencyKey ?? idempotencyHeader(c) }
    if (wantsStream(c)) {
      await engine.checkCanPost(conversationId, request.idempotencyKey)
      return streamTurn(c, log, (onEvent) => engine.postMessage(conversationId, request, onEvent))
    }
    return c.json(await engine.postMessage(conversationId, request))
  })

  app.get('/:id', async (c) => {
    const conversation = await conversations.get(c.req.param('id'))
    const messages = await conversations.transcript(conversation.id)
    const { state, ...rest } = conversation
    // Transcripts leave the server with personal data masked by the flow's compliance policy.
    const mask = masking ? await masking(conversation) : undefined
    const shown = (value: JsonValue): JsonValue => (mask ? maskValue(value, mask) : value)
    return c.json({
      ...rest,
      variables: mask ? maskVariables(state.vars, mask) : state.vars,
      profile: shown(state.user),
      nodeOutputs: shown(state.nodes),
      waitingNodeId: state.cursor?.nodeId ?? null,
      messages: mask
        ? messages.map((m) => ({ ...m, text: maskAllPii(m.text, mask.piiTypes).text }))
        : messages,
    })
  })

  app.get('/:id/trace', async (c) => {
    const conversation = await conversations.get(c.req.param('id'))
    const { turns, steps } = await conversations.trace(conversation.id)
    // Node notes and errors may quote what the customer said: masked like the transcript.
    const traceMask = masking ? await masking(conversation) : undefined
    // Every compliance decision (rule, action, before/after with personal data masked), oldest
    // first, so a reviewer sees why a reply differs from what the flow wrote.
    const decisions = complianceEvents
      ? (
          await complianceEvents.list({ conversationId: conversation.id, limit: 500 })
        ).events.reverse()
      : []
    return c.json({
      complianceDecisions: decisions.map(
        ({ conversationId: _c, flowId: _f, ...decision }) => decision,
      ),
      conversationId: conversation.id,
      flowId: conversation.flowId,
      flowVersion: conversation.flowVersion,
      turns: turns.map(({ result: _result, conversationId: _c, ...turn }) => ({
        ...turn,
        steps: steps
          .filter((s) => s.turnId === turn.id)
          .map(({ turnId: _t, ...step }) =>
            traceMask
              ? {
                  ...step,
                  notes: maskValue(step.notes, traceMask),
                  error: maskValue(step.error, traceMask),
                }
              : step,
          ),
      })),
    })
  })

  return app
}

/**
 * Where a caller's customer profiles are stored. A channel API key's customer ids are its own
 * namespace: the same id sent by another key (another flow, another tenant) is another customer,
 * so one key can neither read nor overwrite the profiles another stored.
 */
function customerKeyFor(principal: Principal, customerId: string | undefined) {
  if (customerId === undefined || principal.kind !== 'api_key') return undefined
  return `key:${principal.id}:${customerId}`
}

function startResponse(result: TurnResult) {
  return { id: result.conversationId, ...result }
}

function idempotencyHeader(c: Context): string | undefined {
  const value = c.req.header('idempotency-key')
  if (value === undefined) return undefined
  const parsed = idempotencyKeySchema.safeParse(value)
  if (!parsed.success) {
    throw new InvalidRequestError(
      parsed.error.issues.map((issue) => ({
        path: ['headers', 'idempotency-key'],
        message: issue.message,
      })),
    )
  }
  return parsed.data
}
