import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { JsonValue } from '../../shared/index.ts'

// Human handoff (DESIGN §8). Times a person reads are ISO text like everywhere else; the
// deadlines the timer sweeps are epoch milliseconds, like conversations.lock_until.

/** One stay of a conversation with the agents: from the queue until hand-back, close or leave. */
export const handoffs = sqliteTable(
  'handoffs',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    flowId: text('flow_id').notNull(),
    /** The waiting handoff node; the flow goes on from its `returned` or `unavailable` port. */
    nodeId: text('node_id').notNull(),
    queue: text('queue').notNull(),
    reason: text('reason').notNull(),
    /** 0 low … 3 urgent: the queue is ordered by priority, then by waiting time. */
    priority: integer('priority').notNull(),
    summary: text('summary', { mode: 'json' }).$type<JsonValue>().notNull(),
    status: text('status', {
      enum: ['waiting', 'assigned', 'returned', 'closed', 'timed_out', 'abandoned'],
    }).notNull(),
    agentId: text('agent_id'),
    agentName: text('agent_name'),
    /** The place-in-queue message with `{position}` and `{minutes}` left to fill. */
    queueMessage: text('queue_message').notNull(),
    /** The place last told to the customer. */
    lastPosition: integer('last_position'),
    requestedAt: text('requested_at').notNull(),
    claimedAt: text('claimed_at'),
    firstReplyAt: text('first_reply_at'),
    endedAt: text('ended_at'),
    resolutionCode: text('resolution_code'),
    transfers: integer('transfers').notNull().default(0),
    /** Waiting past this takes the node's `unavailable` port; null waits for ever. */
    deadlineMs: integer('deadline_ms'),
    /**
     * The node's waiting timeout, so a conversation put back in the queue (agent offline,
     * transfer to a queue) gets a new deadline; null: waits for ever (or a row from before).
     */
    timeoutMs: integer('timeout_ms'),
    /** When the customer's place in the queue is next recomputed and, if changed, told. */
    nextUpdateMs: integer('next_update_ms'),
  },
  (t) => [
    index('handoffs_queue_idx').on(t.status, t.queue, t.priority, t.requestedAt),
    index('handoffs_conversation_idx').on(t.conversationId, t.requestedAt),
    index('handoffs_agent_idx').on(t.agentId, t.status),
    index('handoffs_deadline_idx').on(t.status, t.deadlineMs),
    index('handoffs_update_idx').on(t.status, t.nextUpdateMs),
    index('handoffs_requested_idx').on(t.requestedAt),
  ],
)

/** Internal notes on a handoff, and the desk's own entries (claimed, transferred, …). */
export const handoffNotes = sqliteTable(
  'handoff_notes',
  {
    id: text('id').primaryKey(),
    handoffId: text('handoff_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    kind: text('kind', { enum: ['note', 'event'] }).notNull(),
    agentId: text('agent_id'),
    agentName: text('agent_name'),
    /** What an agent wrote, or a desk event in English (kept for older readers of the API). */
    text: text('text').notNull(),
    /** A desk event's stable code (`claimed`, `closed`, …); null for notes and older rows. */
    code: text('code'),
    /** The event's values (`{ resolutionCode: 'refunded' }`); null when it has none. */
    params: text('params', { mode: 'json' }).$type<Record<string, string>>(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('handoff_notes_conversation_idx').on(t.conversationId, t.createdAt)],
)

/** Agents' presence and limits; an agent appears here the first time they use the console. */
export const agentPresence = sqliteTable('agent_presence', {
  agentId: text('agent_id').primaryKey(),
  name: text('name').notNull(),
  status: text('status', { enum: ['online', 'away', 'offline'] }).notNull(),
  /** The queues (skill groups) the agent takes; empty: every queue. */
  queues: text('queues', { mode: 'json' }).$type<string[]>().notNull(),
  maxConcurrent: integer('max_concurrent').notNull(),
  /** The console's last sign of life; a silent online agent is set offline by the timer. */
  lastSeenMs: integer('last_seen_ms').notNull(),
  updatedAt: text('updated_at').notNull(),
})

/** Every presence change, for conversations per agent per online hour. */
export const agentPresenceLog = sqliteTable(
  'agent_presence_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agentId: text('agent_id').notNull(),
    status: text('status', { enum: ['online', 'away', 'offline'] }).notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('agent_presence_log_agent_idx').on(t.agentId, t.at)],
)

/** Queue settings; a queue a flow names without settings is always open. */
export const handoffQueues = sqliteTable('handoff_queues', {
  name: text('name').primaryKey(),
  description: text('description').notNull(),
  /** Business hours, holidays and extra workdays, validated by shared queue settings schema. */
  settings: text('settings', { mode: 'json' }).$type<JsonValue>().notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

/** Canned responses with `{{ … }}` variables, for every queue or one. */
export const cannedResponses = sqliteTable('canned_responses', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  text: text('text').notNull(),
  queue: text('queue'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})
