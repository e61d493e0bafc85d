import { sql } from 'drizzle-orm'
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { JsonValue } from '../../shared/index.ts'

/**
 * KPI events of a conversation (DESIGN §10): CSAT survey answers (`csat`, value 1–5, stored at
 * once so a customer who leaves before commenting still counts), their comments
 * (`csat_comment`) and conversions (`conversion`, a goal reached in the flow or posted by the business's system).
 * Flow and version are copied in, so KPIs can be cut by version without joining conversations.
 */
export const conversationEvents = sqliteTable(
  'conversation_events',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    flowId: text('flow_id').notNull(),
    flowVersion: integer('flow_version').notNull(),
    variant: text('variant'),
    type: text('type', { enum: ['csat', 'csat_comment', 'conversion'] }).notNull(),
    name: text('name').notNull(),
    /** The rating for `csat`; an amount (e.g. order value) for `conversion`, if any. */
    value: real('value'),
    /** E.g. the CSAT comment. */
    detail: text('detail', { mode: 'json' }).$type<JsonValue>(),
    /** `flow`: recorded by a node in a turn; `api`: posted to /api/conversations/:id/events. */
    source: text('source', { enum: ['flow', 'api'] }).notNull(),
    nodeId: text('node_id'),
    turnId: text('turn_id'),
    /** A repeated API post with the same key returns the first event and stores nothing. */
    idempotencyKey: text('idempotency_key'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('conversation_events_conversation_idx').on(t.conversationId, t.createdAt),
    index('conversation_events_flow_idx').on(t.flowId, t.type, t.createdAt),
    uniqueIndex('conversation_events_key_idx')
      .on(t.conversationId, t.idempotencyKey)
      .where(sql`idempotency_key IS NOT NULL`),
  ],
)
