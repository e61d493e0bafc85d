import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { JsonValue } from '../../shared/index.ts'

export * from './schema-knowledge.ts'
export * from './schema-providers.ts'

// Timestamps are ISO-8601 text in UTC: readable in the sqlite3 shell, sortable, and the same
// in PostgreSQL. JSON columns hold validated documents; the shared zod schemas are their types.

export const flows = sqliteTable('flows', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  draft: text('draft', { mode: 'json' }).notNull(),
  /** Bumped on every draft save; a save that names an older revision is refused (409). */
  revision: integer('revision').notNull(),
  latestVersion: integer('latest_version'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deletedAt: text('deleted_at'),
})

export const flowVersions = sqliteTable(
  'flow_versions',
  {
    flowId: text('flow_id').notNull(),
    version: integer('version').notNull(),
    document: text('document', { mode: 'json' }).notNull(),
    /** What node types' `prepare` made at publish (e.g. trained classifiers), by node id. */
    prepared: text('prepared', { mode: 'json' })
      .$type<Record<string, JsonValue>>()
      .notNull()
      .default({}),
    note: text('note').notNull().default(''),
    publishedAt: text('published_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.version] })],
)

export const customers = sqliteTable('customers', {
  id: text('id').primaryKey(),
  profile: text('profile', { mode: 'json' }).notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id').notNull(),
    flowVersion: integer('flow_version').notNull(),
    customerId: text('customer_id'),
    channel: text('channel').notNull(),
    locale: text('locale').notNull(),
    status: text('status', { enum: ['active', 'waiting_agent', 'closed'] }).notNull(),
    resolution: text('resolution', { enum: ['resolved', 'unresolved', 'abandoned'] }),
    /** Variables, node outputs and the cursor (the waiting node and its state). */
    state: text('state', { mode: 'json' }).notNull(),
    turnCount: integer('turn_count').notNull().default(0),
    messageCount: integer('message_count').notNull().default(0),
    variant: text('variant'),
    /** The experiment that assigned `variant` (runtime/experiments); null outside experiments. */
    experimentId: text('experiment_id'),
    /** Lease that serialises turns across processes (DESIGN §4.2). */
    lockToken: text('lock_token'),
    lockUntil: integer('lock_until'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    closedAt: text('closed_at'),
    /** When the conversation first reached the agent queue; null if it never did (KPIs). */
    handedOffAt: text('handed_off_at'),
  },
  (t) => [
    index('conversations_flow_idx').on(t.flowId, t.createdAt),
    index('conversations_customer_idx').on(t.customerId, t.createdAt),
    index('conversations_status_idx').on(t.status, t.updatedAt),
  ],
)

export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    /** Position in the transcript, from 1. */
    seq: integer('seq').notNull(),
    turnId: text('turn_id').notNull(),
    role: text('role', { enum: ['customer', 'bot', 'agent', 'system'] }).notNull(),
    text: text('text').notNull(),
    quickReplies: text('quick_replies', { mode: 'json' }),
    nodeId: text('node_id'),
    meta: text('meta', { mode: 'json' }),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('messages_conversation_seq_idx').on(t.conversationId, t.seq)],
)

export const turns = sqliteTable(
  'turns',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    seq: integer('seq').notNull(),
    /** `handoff`: an agent handed back or the queue wait ran out (the flow went on). */
    eventType: text('event_type', { enum: ['start', 'message', 'handoff'] }).notNull(),
    idempotencyKey: text('idempotency_key'),
    /** The response the turn gave, replayed verbatim for a repeated idempotency key. */
    result: text('result', { mode: 'json' }).$type<JsonValue>().notNull(),
    startedAt: text('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** Model tokens the turn used, for cost per conversation. */
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
    llmCalls: integer('llm_calls').notNull().default(0),
  },
  (t) => [
    uniqueIndex('turns_conversation_seq_idx').on(t.conversationId, t.seq),
    uniqueIndex('turns_idempotency_idx')
      .on(t.conversationId, t.idempotencyKey)
      .where(sql`idempotency_key IS NOT NULL`),
    // A repeated "start conversation" request has no conversation id yet: look it up by key.
    uniqueIndex('turns_start_key_idx')
      .on(t.idempotencyKey)
      .where(sql`event_type = 'start' AND idempotency_key IS NOT NULL`),
  ],
)

/** One row per node step: the per-node trace (DESIGN §4.5). */
export const turnEvents = sqliteTable(
  'turn_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: text('conversation_id').notNull(),
    turnId: text('turn_id').notNull(),
    step: integer('step').notNull(),
    nodeId: text('node_id').notNull(),
    nodeType: text('node_type').notNull(),
    port: text('port'),
    outcome: text('outcome', { enum: ['port', 'wait', 'end', 'error', 'no_edge'] }).notNull(),
    /** Microseconds: most steps take far less than a millisecond. */
    durationUs: integer('duration_us').notNull(),
    error: text('error', { mode: 'json' }).$type<JsonValue>(),
    notes: text('notes', { mode: 'json' }).$type<JsonValue>(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('turn_events_conversation_idx').on(t.conversationId, t.turnId, t.step)],
)
export * from './schema-analytics.ts'
export * from './schema-audit.ts'
export * from './schema-auth.ts'
export * from './schema-compliance.ts'
export * from './schema-events.ts'
export * from './schema-experiments.ts'
export * from './schema-handoff.ts'
export * from './schema-secrets.ts'
export * from './schema-snapshots.ts'
