import { z } from 'zod'
import { messageSchema } from '../preview/chat-messages.ts'

export const queueItemSchema = z.object({
  conversationId: z.string(),
  flowId: z.string(),
  queue: z.string(),
  reason: z.string(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
  status: z.string(),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  requestedAt: z.string(),
  claimedAt: z.string().nullable(),
  waitedMs: z.number(),
  position: z.number().nullable(),
  summary: z.string(),
  transfers: z.number(),
  /** A designer's test chat from the editor, not a customer. */
  isTest: z.boolean().default(false),
})
export type QueueItem = z.infer<typeof queueItemSchema>

export const agentSchema = z.object({
  agentId: z.string(),
  name: z.string(),
  status: z.enum(['online', 'away', 'offline']),
  queues: z.array(z.string()),
  maxConcurrent: z.number(),
  assigned: z.number(),
})
export type AgentRow = z.infer<typeof agentSchema>

export const queueSnapshotSchema = z.object({
  now: z.string(),
  waiting: z.array(queueItemSchema),
  mine: z.array(queueItemSchema),
  agents: z.array(agentSchema),
  me: z
    .object({ status: z.enum(['online', 'away', 'offline']), maxConcurrent: z.number() })
    .nullable(),
})
export type QueueSnapshot = z.infer<typeof queueSnapshotSchema>

const noteSchema = z.object({
  id: z.string(),
  kind: z.enum(['note', 'event']),
  agentName: z.string().nullable(),
  text: z.string(),
  /** A desk event's code (docs/handoff.md); absent from servers before codes, null for notes. */
  code: z.string().nullable().default(null),
  params: z.record(z.string(), z.string()).nullable().default(null),
  createdAt: z.string(),
})
export type Note = z.infer<typeof noteSchema>

const jsonRecord = z.record(z.string(), z.unknown())

export const conversationViewSchema = z.object({
  conversation: z.object({
    id: z.string(),
    flowId: z.string(),
    customerId: z.string().nullable(),
    channel: z.string(),
    locale: z.string(),
    status: z.string(),
  }),
  handoff: queueItemSchema.extend({ resolutionCode: z.string().nullable() }).nullable(),
  summary: z
    .object({
      text: z.string(),
      source: z.string(),
      intent: z.string().nullable().optional(),
      intentLabel: z.string().nullable().optional(),
      sentimentLabel: z.string().nullable().optional(),
    })
    .passthrough()
    .nullable(),
  entities: jsonRecord,
  signals: jsonRecord,
  variables: jsonRecord,
  profile: jsonRecord,
  resolutionCodes: z.array(z.string()),
  messages: z.array(messageSchema),
  notes: z.array(noteSchema),
  trace: z.array(
    z.object({
      id: z.string(),
      seq: z.number(),
      eventType: z.string(),
      steps: z.array(
        z.object({
          step: z.number(),
          nodeId: z.string(),
          nodeType: z.string(),
          port: z.string().nullable(),
          outcome: z.string(),
        }),
      ),
    }),
  ),
})
export type ConversationView = z.infer<typeof conversationViewSchema>

export const cannedSchema = z.object({
  cannedResponses: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })),
})
export type CannedResponse = z.infer<typeof cannedSchema>['cannedResponses'][number]

/** `1:05` for 65 s, `1:02:05` past an hour: how long someone has waited. */
export function formatWait(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = String(seconds % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}
