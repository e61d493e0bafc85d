import type { Database } from '../storage/index.ts'

// better-sqlite3 returns rows as unknown objects: the SELECT aliases below are exactly the
// fields of the row interfaces, so the casts on .all()/.iterate() in this folder are safe.

/** What one conversation contributes to the KPIs (DESIGN §10), read from the raw tables. */
export interface ConversationFact {
  id: string
  flowId: string
  flowVersion: number
  variant: string
  channel: string
  locale: string
  /** The first intent an intent node was sure of; '' when none. */
  intent: string
  /** The conversation's start day (UTC). */
  day: string
  isClosed: number
  isHandedOff: number
  resolution: string | null
  turnCount: number
  firstResponseMs: number | null
  promptTokens: number
  completionTokens: number
  csatAnswers: number
  csatPositive: number
  conversionCount: number
  conversionValue: number
}

export interface FactFilter {
  flowId?: string
  /** Conversations created at or after this ISO time. */
  createdFrom?: string
  /** Conversations created before this ISO time. */
  createdBefore?: string
  versions?: readonly number[]
  experimentId?: string
  variant?: string
  channel?: string
  locale?: string
}

const columnCache = new WeakMap<Database, Set<string>>()

/**
 * Columns other features add to `conversations` (handoff: `handed_off_at`; experiments:
 * `experiment_id`). Read once per database handle, so analytics works before and after.
 */
export function conversationColumns(database: Database): Set<string> {
  const cached = columnCache.get(database)
  if (cached) return cached
  const rows = database.sqlite.prepare('PRAGMA table_info(conversations)').all() as {
    name: string
  }[]
  const columns = new Set(rows.map((row) => row.name))
  columnCache.set(database, columns)
  return columns
}

/** Reached an agent: `handed_off_at` set once it exists; waiting for one counts either way. */
export function handedOffSql(database: Database): string {
  return conversationColumns(database).has('handed_off_at')
    ? `(c.handed_off_at IS NOT NULL OR c.status = 'waiting_agent')`
    : `(c.status = 'waiting_agent')`
}

// Correlated subqueries, each served by the (conversation_id, …) index of its table.
function factSelect(database: Database): string {
  return `SELECT c.id AS id, c.flow_id AS flowId, c.flow_version AS flowVersion,
    coalesce(c.variant, '') AS variant, c.channel AS channel, c.locale AS locale,
    substr(c.created_at, 1, 10) AS day, (c.status = 'closed') AS isClosed,
    ${handedOffSql(database)} AS isHandedOff, c.resolution AS resolution, c.turn_count AS turnCount,
    coalesce((SELECT te.port FROM turn_events te WHERE te.conversation_id = c.id
      AND te.node_type = 'intent' AND te.outcome = 'port' AND te.port <> 'fallback'
      ORDER BY te.id LIMIT 1), '') AS intent,
    (SELECT t.duration_ms FROM turns t WHERE t.conversation_id = c.id AND t.event_type = 'message'
      ORDER BY t.seq LIMIT 1) AS firstResponseMs,
    coalesce((SELECT sum(t.prompt_tokens) FROM turns t WHERE t.conversation_id = c.id), 0)
      AS promptTokens,
    coalesce((SELECT sum(t.completion_tokens) FROM turns t WHERE t.conversation_id = c.id), 0)
      AS completionTokens,
    (SELECT count(*) FROM conversation_events e WHERE e.conversation_id = c.id
      AND e.type = 'csat') AS csatAnswers,
    (SELECT count(*) FROM conversation_events e WHERE e.conversation_id = c.id
      AND e.type = 'csat' AND e.value >= 4) AS csatPositive,
    (SELECT count(*) FROM conversation_events e WHERE e.conversation_id = c.id
      AND e.type = 'conversion') AS conversionCount,
    coalesce((SELECT sum(e.value) FROM conversation_events e WHERE e.conversation_id = c.id
      AND e.type = 'conversion'), 0) AS conversionValue
  FROM conversations c`
}

/**
 * Streams the facts of the matching conversations. Test conversations on drafts (negative
 * flow_version) never count.
 */
export function* conversationFacts(
  database: Database,
  filter: FactFilter,
): Generator<ConversationFact> {
  const where = ['c.flow_version > 0']
  const params: Record<string, string | number> = {}
  if (filter.flowId !== undefined) {
    where.push('c.flow_id = @flowId')
    params.flowId = filter.flowId
  }
  if (filter.createdFrom !== undefined) {
    where.push('c.created_at >= @createdFrom')
    params.createdFrom = filter.createdFrom
  }
  if (filter.createdBefore !== undefined) {
    where.push('c.created_at < @createdBefore')
    params.createdBefore = filter.createdBefore
  }
  if (filter.versions && filter.versions.length > 0) {
    where.push(`c.flow_version IN (${filter.versions.map((v) => Math.trunc(v)).join(', ')})`)
  }
  if (filter.experimentId !== undefined) {
    where.push('c.experiment_id = @experimentId')
    params.experimentId = filter.experimentId
  }
  for (const key of ['variant', 'channel', 'locale'] as const) {
    const value = filter[key]
    if (value === undefined) continue
    where.push(key === 'variant' ? `coalesce(c.variant, '') = @variant` : `c.${key} = @${key}`)
    params[key] = value
  }
  const statement = database.sqlite.prepare(`${factSelect(database)} WHERE ${where.join(' AND ')}`)
  yield* statement.iterate(params) as IterableIterator<ConversationFact>
}
