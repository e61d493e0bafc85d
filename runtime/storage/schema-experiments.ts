import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { JsonValue } from '../../shared/index.ts'

/**
 * A/B experiments between published versions of one flow (DESIGN §9). Variants, guardrails and
 * the outcome are JSON documents validated by runtime/experiments' zod schemas. Conversations
 * record `experiment_id` and `variant` when assigned (see the conversations table).
 */
export const experiments = sqliteTable(
  'experiments',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: ['draft', 'running', 'paused', 'stopped'] }).notNull(),
    /** `[{ name, version, weight }]`; the first is the control. */
    variants: text('variants', { mode: 'json' }).$type<JsonValue>().notNull(),
    primaryKpi: text('primary_kpi').notNull(),
    /** `[{ kpi, margin }]`: stop when a variant is worse than the control by margin. */
    guardrails: text('guardrails', { mode: 'json' }).$type<JsonValue>().notNull(),
    alpha: real('alpha').notNull(),
    power: real('power').notNull(),
    /** Minimum detectable effect on the primary KPI (absolute; 0.05 = 5 points). */
    mde: real('mde').notNull(),
    baseline: real('baseline').notNull(),
    minConversations: integer('min_conversations').notNull(),
    /** Why it stopped: `manual`, `guardrail` (with detail), `promoted`. */
    stopReason: text('stop_reason'),
    stopDetail: text('stop_detail', { mode: 'json' }).$type<JsonValue>(),
    /** The variant promoted to 100% and the version it became. */
    promotedVariant: text('promoted_variant'),
    promotedVersion: integer('promoted_version'),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    startedAt: text('started_at'),
    endedAt: text('ended_at'),
  },
  (t) => [index('experiments_flow_idx').on(t.flowId, t.status)],
)
