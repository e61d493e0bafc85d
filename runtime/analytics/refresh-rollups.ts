import type { Database } from '../storage/index.ts'
import { rollupDay } from './rollup-day.ts'

export interface RefreshOptions {
  /** Wall clock, for the commit-lag margin and the minimum interval. */
  now?: () => number
  /**
   * Skip the refresh when this process refreshed less than this long ago. Each recomputed
   * flow-day holds the (synchronous) database for a moment, so busy dashboards should not
   * recompute today on every request.
   */
  minIntervalMs?: number
}

export interface RefreshResult {
  /** (flow, day) pairs recomputed. */
  days: number
}

// A turn stamps updated_at a moment before it commits; a row committed just after a refresh
// read may carry a time before that read. Rows this recent are looked at again next time.
const commitLagMs = 5 * 60 * 1000

const sinceKey = 'refresh.since'
const fingerprintsKey = 'refresh.fingerprints'
const lastRefreshAt = new WeakMap<Database, number>()

interface Changed {
  flowId: string
  day: string
  latest: string
  count: number
  turns: number
}

/**
 * Brings the rollups up to date: finds the (flow, day) pairs whose conversations changed (a
 * turn, a status change, a CSAT answer or conversion posted later) since the last refresh and
 * recomputes each. Rows inside the commit-lag window are seen again on the next refresh; a
 * fingerprint of them (count, latest time, turns) tells whether anything changed since, so an
 * idle system recomputes nothing. Cheap when nothing changed: two index range scans.
 */
export function refreshRollups(database: Database, options: RefreshOptions = {}): RefreshResult {
  const now = options.now ?? Date.now
  if (options.minIntervalMs !== undefined) {
    const last = lastRefreshAt.get(database)
    if (last !== undefined && now() - last < options.minIntervalMs) return { days: 0 }
  }
  lastRefreshAt.set(database, now())
  const { sqlite } = database
  const since = readState(database, sinceKey) ?? ''
  const previous = JSON.parse(readState(database, fingerprintsKey) ?? '{}') as Record<
    string,
    string
  >
  // status IN (…) lets SQLite use the (status, updated_at) index.
  const changed = sqlite
    .prepare(`SELECT flow_id AS flowId, substr(created_at, 1, 10) AS day, max(updated_at) AS latest,
      count(*) AS count, total(turn_count) AS turns
      FROM conversations WHERE status IN ('active', 'waiting_agent', 'closed')
      AND updated_at >= @since AND flow_version > 0 GROUP BY 1, 2
      UNION ALL
      SELECT c.flow_id, substr(c.created_at, 1, 10), max(e.created_at), count(*), 0
      FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id
      WHERE e.created_at >= @since AND c.flow_version > 0 GROUP BY 1, 2`)
    .all({ since }) as Changed[]

  const fingerprints: Record<string, string> = {}
  let latest = since
  for (const row of changed) {
    const key = `${row.flowId}\u0000${row.day}`
    const part = `${row.count}|${row.latest}|${row.turns}`
    fingerprints[key] = fingerprints[key] ? `${fingerprints[key]};${part}` : part
    if (row.latest > latest) latest = row.latest
  }
  let days = 0
  for (const [key, fingerprint] of Object.entries(fingerprints)) {
    if (previous[key] === fingerprint) continue
    const [flowId = '', day = ''] = key.split('\u0000')
    rollupDay(database, flowId, day)
    days += 1
  }

  const margin = new Date(now() - commitLagMs).toISOString()
  // ISO times compare as text.
  const next = [latest, margin].sort()[0] ?? latest
  // Never backwards: a clock set back must not make the next refresh rescan everything.
  const kept = [since, next].sort()[1] ?? next
  database.transaction(() => {
    writeState(database, sinceKey, kept)
    writeState(database, fingerprintsKey, JSON.stringify(fingerprints))
  })
  return { days }
}

function readState(database: Database, key: string): string | undefined {
  const row = database.sqlite.prepare('SELECT value FROM analytics_state WHERE key = ?').get(key) as
    | { value: string }
    | undefined
  return row?.value
}

function writeState(database: Database, key: string, value: string): void {
  database.sqlite
    .prepare(
      `INSERT INTO analytics_state (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    )
    .run(key, value)
}
