import type { Database } from '../runtime/storage/index.ts'
import { seededRandom } from '../shared/index.ts'

// Fills a year of conversations straight into SQLite, shaped as the engine stores them: a
// start turn (start → ask waits) and one customer message (ask → intent → reply → end), tokens,
// CSAT answers and conversions. Deterministic (a seeded generator), batched in transactions.

const flowIds = ['shop', 'support', 'billing']
const channels = ['web', 'wechat', 'api', 'wecom']
const intents = ['track_order', 'return_howto', 'return_fee', 'invoice', 'exchange_fee', 'refund']
const questions = Array.from({ length: 400 }, (_, i) => `问题 ${i}：我的订单${i % 37}号怎么还没到`)

export interface FillResult {
  conversations: number
  turns: number
  steps: number
  messages: number
  events: number
  seconds: number
}

export function fillYear(
  database: Database,
  options: { conversations: number; endMs: number; batch?: number },
): FillResult {
  const { sqlite } = database
  const random = seededRandom(42)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const yearMs = 365 * 24 * 60 * 60 * 1000
  const startMs = options.endMs - yearMs
  const insertConversation = sqlite.prepare(`INSERT INTO conversations (id, flow_id, flow_version,
    customer_id, channel, locale, status, resolution, state, turn_count, message_count, variant,
    created_at, updated_at, closed_at, handed_off_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, 2, 3,
    ?, ?, ?, ?, ?)`)
  const insertTurn = sqlite.prepare(`INSERT INTO turns (id, conversation_id, seq, event_type,
    result, started_at, duration_ms, prompt_tokens, completion_tokens, llm_calls)
    VALUES (?, ?, ?, ?, '{}', ?, ?, ?, ?, ?)`)
  const insertStep = sqlite.prepare(`INSERT INTO turn_events (conversation_id, turn_id, step,
    node_id, node_type, port, outcome, duration_us, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertMessage = sqlite.prepare(`INSERT INTO messages (id, conversation_id, seq, turn_id,
    role, text, created_at) VALUES (?, ?, 2, ?, 'customer', ?, ?)`)
  const insertEvent = sqlite.prepare(`INSERT INTO conversation_events (id, conversation_id,
    flow_id, flow_version, variant, type, name, value, source, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'flow', ?)`)
  const waiting = JSON.stringify({
    vars: {},
    user: {},
    nodes: {},
    signals: {},
    cursor: { nodeId: 'ask' },
  })
  const done = JSON.stringify({ vars: {}, user: {}, nodes: {}, signals: {}, cursor: null })
  const counts = { conversations: 0, turns: 0, steps: 0, messages: 0, events: 0 }
  const began = performance.now()
  const batch = options.batch ?? 20_000

  const fillOne = (i: number) => {
    const id = `c${i}`
    const flowId = pick(flowIds)
    const createdMs = startMs + Math.floor((i / options.conversations) * yearMs)
    const createdAt = new Date(createdMs).toISOString()
    const isExperiment = random() < 0.3
    const variant = isExperiment ? (random() < 0.5 ? 'A' : 'B') : null
    const version = isExperiment && variant === 'B' ? 2 : 1
    const roll = random()
    const status = roll < 0.9 ? 'closed' : roll < 0.95 ? 'waiting_agent' : 'active'
    const handedOff = status === 'waiting_agent' || random() < 0.08
    const outcome = random()
    const resolution =
      status !== 'closed'
        ? null
        : outcome < 0.7
          ? 'resolved'
          : outcome < 0.8
            ? 'unresolved'
            : 'abandoned'
    const isAbandoned = resolution === 'abandoned'
    const updatedAt = new Date(createdMs + 120_000).toISOString()
    insertConversation.run(
      id,
      flowId,
      version,
      pick(channels),
      random() < 0.8 ? 'zh-CN' : 'en',
      status,
      resolution,
      isAbandoned || status === 'active' ? waiting : done,
      variant,
      createdAt,
      updatedAt,
      status === 'closed' ? updatedAt : null,
      handedOff ? updatedAt : null,
    )
    const startTurn = `${id}-1`
    const messageTurn = `${id}-2`
    insertTurn.run(startTurn, id, 1, 'start', createdAt, 2, 0, 0, 0)
    insertTurn.run(
      messageTurn,
      id,
      2,
      'message',
      createdAt,
      200 + Math.floor(random() * 1800),
      600,
      120,
      1,
    )
    insertStep.run(id, startTurn, 0, 'start', 'start', 'next', 'port', 8, createdAt)
    insertStep.run(id, startTurn, 1, 'ask', 'ask', null, 'wait', 30, createdAt)
    counts.turns += 2
    counts.steps += 2
    if (!isAbandoned) {
      const isFallback = random() < 0.15
      const port = isFallback ? 'fallback' : pick(intents)
      insertStep.run(id, messageTurn, 0, 'ask', 'ask', 'answer', 'port', 25, createdAt)
      insertStep.run(
        id,
        messageTurn,
        1,
        'intent',
        'intent',
        port,
        'port',
        300 + Math.floor(random() * 3000),
        createdAt,
      )
      insertStep.run(id, messageTurn, 2, 'bye', 'end', null, 'end', 10, createdAt)
      insertMessage.run(
        `${id}-m`,
        id,
        messageTurn,
        isFallback ? pick(questions) : '快递到哪了',
        createdAt,
      )
      counts.steps += 3
      counts.messages += 1
    }
    if (random() < 0.25) {
      const value = random() < 0.85 ? 4 + Math.round(random()) : 1 + Math.floor(random() * 3)
      insertEvent.run(`${id}-csat`, id, flowId, version, variant, 'csat', 'csat', value, updatedAt)
      counts.events += 1
    }
    if (random() < 0.08) {
      insertEvent.run(
        `${id}-buy`,
        id,
        flowId,
        version,
        variant,
        'conversion',
        'order',
        99,
        updatedAt,
      )
      counts.events += 1
    }
    counts.conversations += 1
  }

  for (let from = 0; from < options.conversations; from += batch) {
    database.transaction(() => {
      for (let i = from; i < Math.min(from + batch, options.conversations); i++) fillOne(i)
    })
  }
  return { ...counts, seconds: (performance.now() - began) / 1000 }
}
