import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'

// Pre-aggregated analytics (docs/analytics.md): rows per day (the conversation's start day,
// UTC), recomputed from the raw tables for each (flow, day) that changed. The engine never
// writes here, so a turn pays nothing for analytics. Empty string stands for "none" (no
// variant, no intent) because primary-key columns cannot be null.

// The measures of a rollup row: additive sums of its conversations (runtime/analytics).
function kpiMeasures() {
  return {
    conversations: integer('conversations').notNull(),
    closed: integer('closed').notNull(),
    resolvedByBot: integer('resolved_by_bot').notNull(),
    handedOff: integer('handed_off').notNull(),
    abandoned: integer('abandoned').notNull(),
    csatAnswers: integer('csat_answers').notNull(),
    csatPositive: integer('csat_positive').notNull(),
    conversions: integer('conversions').notNull(),
    conversionValue: real('conversion_value').notNull(),
    turnsSum: integer('turns_sum').notNull(),
    turnsSquares: integer('turns_squares').notNull(),
    firstResponseCount: integer('first_response_count').notNull(),
    firstResponseSumMs: real('first_response_sum_ms').notNull(),
    firstResponseSquares: real('first_response_squares').notNull(),
    /** Counts per log2 bucket of milliseconds, for p50/p95 (JSON array). */
    firstResponseHistogram: text('first_response_histogram', { mode: 'json' })
      .$type<number[]>()
      .notNull(),
    promptTokens: integer('prompt_tokens').notNull(),
    completionTokens: integer('completion_tokens').notNull(),
  }
}

/**
 * Per flow, day, version and variant: a few rows per flow and day, so a year's trend reads
 * about a thousand rows per flow.
 */
export const analyticsDailyTotals = sqliteTable(
  'analytics_daily_totals',
  {
    flowId: text('flow_id').notNull(),
    day: text('day').notNull(),
    flowVersion: integer('flow_version').notNull(),
    variant: text('variant').notNull(),
    ...kpiMeasures(),
  },
  (t) => [
    primaryKey({ columns: [t.flowId, t.day, t.flowVersion, t.variant] }),
    index('analytics_daily_totals_day_idx').on(t.day),
  ],
)

/**
 * The same cut by one dimension at a time (`cut` is channel, locale or intent; `value` its
 * value): one table of a few thousand rows per flow and year instead of their cross product.
 */
export const analyticsDailyCuts = sqliteTable(
  'analytics_daily_cuts',
  {
    flowId: text('flow_id').notNull(),
    day: text('day').notNull(),
    flowVersion: integer('flow_version').notNull(),
    variant: text('variant').notNull(),
    cut: text('cut', { enum: ['channel', 'locale', 'intent'] }).notNull(),
    value: text('value').notNull(),
    ...kpiMeasures(),
  },
  (t) => [
    primaryKey({ columns: [t.flowId, t.cut, t.day, t.flowVersion, t.variant, t.value] }),
    index('analytics_daily_cuts_day_idx').on(t.cut, t.day),
  ],
)

/** Per node of a flow version: what the canvas overlay shows (DESIGN §10). */
export const analyticsNodeDaily = sqliteTable(
  'analytics_node_daily',
  {
    flowId: text('flow_id').notNull(),
    day: text('day').notNull(),
    flowVersion: integer('flow_version').notNull(),
    variant: text('variant').notNull(),
    nodeId: text('node_id').notNull(),
    entries: integer('entries').notNull(),
    /** Port name → times the node left through it (`end` for nodes that ended the chat). */
    exits: text('exits', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    errors: integer('errors').notNull(),
    dropOffs: integer('drop_offs').notNull(),
    steps: integer('steps').notNull(),
    durationSumUs: integer('duration_sum_us').notNull(),
    /** Counts per log2 bucket of microseconds, for p95 (JSON array). */
    durationHistogram: text('duration_histogram', { mode: 'json' }).$type<number[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.day, t.flowVersion, t.variant, t.nodeId] })],
)

/** Customer messages the bot could not answer: intent fallbacks and retrievals found nothing. */
export const analyticsUnansweredDaily = sqliteTable(
  'analytics_unanswered_daily',
  {
    flowId: text('flow_id').notNull(),
    day: text('day').notNull(),
    /** The message, trimmed, whitespace collapsed, lower-cased, at most 200 characters. */
    question: text('question').notNull(),
    reason: text('reason', { enum: ['intent_fallback', 'retrieve_not_found'] }).notNull(),
    count: integer('count').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    /** The latest conversation that asked it, to open its transcript. */
    conversationId: text('conversation_id').notNull(),
    locale: text('locale').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.flowId, t.day, t.question, t.reason] }),
    index('analytics_unanswered_day_idx').on(t.day),
    // Covers the work list's GROUP BY (flow, question, reason): read in order, no sort.
    index('analytics_unanswered_question_idx').on(
      t.flowId,
      t.question,
      t.reason,
      t.day,
      t.count,
      t.lastSeenAt,
      t.conversationId,
      t.locale,
    ),
  ],
)

/** Watermarks of the incremental rollup refresh. */
export const analyticsState = sqliteTable('analytics_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})
