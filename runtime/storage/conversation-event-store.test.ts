import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import type { ConversationEvent } from './conversation-event-store.ts'
import { ConversationEventStore } from './conversation-event-store.ts'
import { type Conversation, ConversationStore, type TurnCommit } from './conversation-store.ts'

const at = '2026-01-01T02:00:00.000Z'

const conversation: Conversation = {
  id: 'c1',
  flowId: 'survey',
  flowVersion: 2,
  customerId: null,
  channel: 'api',
  locale: 'zh-CN',
  status: 'active',
  resolution: null,
  state: { vars: {}, user: {}, nodes: {}, signals: {}, cursor: null },
  turnCount: 1,
  messageCount: 0,
  variant: 'B',
  experimentId: null,
  createdAt: at,
  updatedAt: at,
  closedAt: null,
}

function event(overrides: Partial<ConversationEvent> = {}): ConversationEvent {
  return {
    id: 'e1',
    conversationId: 'c1',
    flowId: 'survey',
    flowVersion: 2,
    variant: 'B',
    type: 'csat',
    name: 'csat',
    value: 5,
    detail: null,
    source: 'flow',
    nodeId: 'rate',
    turnId: 't1',
    idempotencyKey: null,
    createdAt: at,
    ...overrides,
  }
}

function commit(turnId: string, events: ConversationEvent[]): TurnCommit {
  return {
    conversation,
    isNewConversation: turnId === 't1',
    turn: {
      id: turnId,
      conversationId: 'c1',
      seq: 1,
      eventType: 'start',
      idempotencyKey: null,
      result: {},
      startedAt: at,
      durationMs: 1,
      promptTokens: 0,
      completionTokens: 0,
      llmCalls: 0,
    },
    messages: [],
    steps: [],
    events,
  }
}

describe('conversation events in storage', () => {
  let db: ReturnType<typeof openTestDatabase>
  let conversations: ConversationStore
  let events: ConversationEventStore

  beforeEach(() => {
    db = openTestDatabase()
    conversations = new ConversationStore(db.database)
    events = new ConversationEventStore(db.database)
  })
  afterEach(() => db.remove())

  it('writes the events of a turn with the turn, in order', async () => {
    await conversations.commitTurn(
      commit('t1', [event(), event({ id: 'e2', type: 'conversion', name: 'paid', value: 9.5 })]),
    )

    const stored = await events.list('c1')

    expect(stored.map((e) => [e.id, e.type, e.value, e.variant])).toEqual([
      ['e1', 'csat', 5, 'B'],
      ['e2', 'conversion', 9.5, 'B'],
    ])
  })

  it('stores none of the events when the turn cannot be committed', async () => {
    await conversations.commitTurn(commit('t1', []))

    // Same turn seq again: the turns insert fails, and the whole transaction with it.
    await expect(conversations.commitTurn(commit('t2', [event({ id: 'e9' })]))).rejects.toThrow()

    expect(await events.list('c1')).toEqual([])
  })

  it('keeps the first event for a repeated idempotency key', async () => {
    const first = await events.record(event({ id: 'a', source: 'api', idempotencyKey: 'k' }))
    const repeat = await events.record(event({ id: 'b', source: 'api', idempotencyKey: 'k' }))

    expect(first.isNew).toBe(true)
    expect(repeat).toEqual({ event: first.event, isNew: false })
    expect((await events.list('c1')).map((e) => e.id)).toEqual(['a'])
  })

  it('answers the list for a conversation from its index', () => {
    const plan = db.database.sqlite
      .prepare(
        'EXPLAIN QUERY PLAN SELECT * FROM conversation_events WHERE conversation_id = ? ORDER BY created_at',
      )
      .all('c1') as { detail: string }[]

    expect(plan.map((row) => row.detail).join(' ')).toContain(
      'conversation_events_conversation_idx',
    )
  })
})
