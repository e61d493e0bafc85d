import type { Database } from '../storage/index.ts'
import { conversationColumns } from './conversation-facts.ts'

// Builds conversations row by row, exactly as the engine stores them, so KPI tests and the
// benchmark can state a case ("closed, handed off, one CSAT of 5") without running a flow.

export interface HandMadeStep {
  nodeId: string
  nodeType: string
  port?: string | null
  outcome?: 'port' | 'wait' | 'end' | 'error' | 'no_edge'
  durationUs?: number
}

export interface HandMadeTurn {
  eventType?: 'start' | 'message'
  /** The customer's message of a `message` turn. */
  text?: string
  durationMs?: number
  promptTokens?: number
  completionTokens?: number
  steps?: HandMadeStep[]
}

export interface HandMadeConversation {
  id: string
  flowId?: string
  flowVersion?: number
  status?: 'active' | 'waiting_agent' | 'closed'
  resolution?: 'resolved' | 'unresolved' | 'abandoned' | null
  variant?: string | null
  channel?: string
  locale?: string
  createdAt?: string
  updatedAt?: string
  isHandedOff?: boolean
  /** The node the conversation waits at (or waited at when it was abandoned). */
  waitingAt?: string
  turns?: HandMadeTurn[]
  csat?: number[]
  conversions?: (number | null)[]
}

export function insertHandMadeConversation(database: Database, c: HandMadeConversation): void {
  const { sqlite } = database
  const createdAt = c.createdAt ?? '2026-03-02T10:00:00.000Z'
  const turns = c.turns ?? [{ eventType: 'start' }]
  const status = c.status ?? 'closed'
  const state = {
    vars: {},
    user: {},
    nodes: {},
    signals: {},
    cursor: c.waitingAt ? { nodeId: c.waitingAt } : null,
  }
  const flowId = c.flowId ?? 'shop'
  const flowVersion = c.flowVersion ?? 1
  sqlite
    .prepare(`INSERT INTO conversations (id, flow_id, flow_version, customer_id, channel, locale,
      status, resolution, state, turn_count, message_count, variant, created_at, updated_at,
      closed_at) VALUES (@id, @flowId, @flowVersion, NULL, @channel, @locale, @status,
      @resolution, @state, @turnCount, 0, @variant, @createdAt, @updatedAt, @closedAt)`)
    .run({
      id: c.id,
      flowId,
      flowVersion,
      channel: c.channel ?? 'api',
      locale: c.locale ?? 'zh-CN',
      status,
      resolution: c.resolution ?? (status === 'closed' ? 'resolved' : null),
      state: JSON.stringify(state),
      turnCount: turns.length,
      variant: c.variant ?? null,
      createdAt,
      updatedAt: c.updatedAt ?? createdAt,
      closedAt: status === 'closed' ? (c.updatedAt ?? createdAt) : null,
    })
  if (c.isHandedOff && conversationColumns(database).has('handed_off_at')) {
    sqlite.prepare('UPDATE conversations SET handed_off_at = ? WHERE id = ?').run(createdAt, c.id)
  }
  let messageSeq = 0
  turns.forEach((turn, index) => {
    const turnId = `${c.id}-t${index + 1}`
    sqlite
      .prepare(`INSERT INTO turns (id, conversation_id, seq, event_type, result, started_at,
        duration_ms, prompt_tokens, completion_tokens, llm_calls) VALUES (?, ?, ?, ?, '{}', ?, ?,
        ?, ?, 0)`)
      .run(
        turnId,
        c.id,
        index + 1,
        turn.eventType ?? (index === 0 ? 'start' : 'message'),
        createdAt,
        turn.durationMs ?? 0,
        turn.promptTokens ?? 0,
        turn.completionTokens ?? 0,
      )
    if (turn.text !== undefined) {
      messageSeq += 1
      sqlite
        .prepare(`INSERT INTO messages (id, conversation_id, seq, turn_id, role, text, created_at)
          VALUES (?, ?, ?, ?, 'customer', ?, ?)`)
        .run(`${turnId}-m`, c.id, messageSeq, turnId, turn.text, createdAt)
    }
    ;(turn.steps ?? []).forEach((step, stepIndex) => {
      sqlite
        .prepare(`INSERT INTO turn_events (conversation_id, turn_id, step, node_id, node_type, port,
          outcome, duration_us, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(
          c.id,
          turnId,
          stepIndex,
          step.nodeId,
          step.nodeType,
          step.port ?? null,
          step.outcome ?? 'port',
          step.durationUs ?? 100,
          createdAt,
        )
    })
  })
  const events = [
    ...(c.csat ?? []).map((value) => ({ type: 'csat', name: 'csat', value })),
    ...(c.conversions ?? []).map((value) => ({ type: 'conversion', name: 'order', value })),
  ]
  events.forEach((event, index) => {
    sqlite
      .prepare(`INSERT INTO conversation_events (id, conversation_id, flow_id, flow_version,
        variant, type, name, value, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'api', ?)`)
      .run(
        `${c.id}-e${index}`,
        c.id,
        flowId,
        flowVersion,
        c.variant ?? null,
        event.type,
        event.name,
        event.value,
        createdAt,
      )
  })
}
