import type { Database } from '../storage/index.ts'
import type { KpiQuery, UnansweredQuestion, UnansweredReason } from './kpi-definitions.ts'
import { rollupWhere } from './kpi-rollups.ts'
import { type RefreshOptions, refreshRollups } from './refresh-rollups.ts'

export type UnansweredQuery = Pick<KpiQuery, 'flowId' | 'from' | 'to'> & {
  reason?: UnansweredReason
  limit?: number
}

/**
 * The operators' work list: what customers asked that no intent matched or the knowledge
 * base had nothing for, most asked first.
 */
export function queryUnanswered(
  database: Database,
  query: UnansweredQuery,
  refresh: RefreshOptions = {},
): UnansweredQuestion[] {
  refreshRollups(database, refresh)
  const { where, params } = rollupWhere(query)
  const conditions = where === '' ? [] : [where.slice('WHERE '.length)]
  if (query.reason !== undefined) conditions.push('reason = @reason')
  // SQLite takes the bare columns (conversation, locale) from the row holding max(last_seen_at).
  // The covering index is read in GROUP BY order: about 5x less work than sorting by day's rows.
  return database.sqlite
    .prepare(`SELECT question, reason, flow_id AS flowId, sum(count) AS count,
      max(last_seen_at) AS lastSeenAt, conversation_id AS conversationId, locale
      FROM analytics_unanswered_daily INDEXED BY analytics_unanswered_question_idx
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      GROUP BY flow_id, question, reason ORDER BY count DESC, lastSeenAt DESC LIMIT @limit`)
    .all({
      ...params,
      ...(query.reason ? { reason: query.reason } : {}),
      limit: query.limit ?? 50,
    }) as UnansweredQuestion[]
}
