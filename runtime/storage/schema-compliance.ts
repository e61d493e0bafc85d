import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { JsonValue } from '../../shared/index.ts'

/** Workspace compliance policies (the built-in presets live in code, not here). */
export const compliancePolicies = sqliteTable('compliance_policies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** The policy document, validated by compliancePolicySchema. */
  document: text('document', { mode: 'json' }).$type<JsonValue>().notNull(),
  /** Bumped on every save, so that a cached parse can be reused until it changes. */
  revision: integer('revision').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

/**
 * One row per compliance decision (a rule that fired), for auditors. `before` and `after` hold
 * the text with personal data masked, never the raw text.
 */
export const complianceEvents = sqliteTable(
  'compliance_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: text('created_at').notNull(),
    conversationId: text('conversation_id'),
    flowId: text('flow_id'),
    nodeId: text('node_id'),
    policyId: text('policy_id').notNull(),
    ruleId: text('rule_id').notNull(),
    ruleKind: text('rule_kind').notNull(),
    action: text('action').notNull(),
    /** `message` (a whole bot message), `sentence` (streamed text) or `node` (a compliance node). */
    source: text('source', { enum: ['message', 'sentence', 'node'] }).notNull(),
    before: text('before').notNull(),
    /** What the customer saw instead; null when the text was blocked. */
    after: text('after'),
    detail: text('detail', { mode: 'json' }).$type<JsonValue>(),
  },
  (t) => [
    index('compliance_events_created_idx').on(t.createdAt),
    index('compliance_events_flow_idx').on(t.flowId, t.createdAt),
    index('compliance_events_conversation_idx').on(t.conversationId, t.createdAt),
    index('compliance_events_rule_idx').on(t.ruleId, t.createdAt),
  ],
)
