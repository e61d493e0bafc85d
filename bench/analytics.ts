import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  computeKpis,
  computeKpisFromConversations,
  queryNodeStats,
  queryUnanswered,
  refreshRollups,
} from '../runtime/analytics/index.ts'
import { openDatabase } from '../runtime/storage/index.ts'
import { fillYear } from './analytics-fill.ts'
import { wholeNumber } from './whole-number.ts'

// npm run bench:analytics [-- --conversations 1000000 --keep]
// Fills a year of conversations into a real SQLite file, builds the rollups, and times what the
// dashboards and the canvas overlay ask. Numbers go to docs/performance.md.

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '1000000' },
    repeat: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    /** A database an earlier run kept (--keep): skip filling and building, time the queries. */
    reuse: { type: 'string' },
  },
})
const conversations = wholeNumber(values.conversations, 1_000_000)
const repeat = wholeNumber(values.repeat, 5)
const dir = values.reuse
  ? dirname(values.reuse)
  : mkdtempSync(join(tmpdir(), 'switchboard-analytics-bench-'))
const file = values.reuse ?? join(dir, 'switchboard.db')
const database = openDatabase(file)
const endMs = Date.parse('2026-11-26T00:00:00.000Z')
const log = (line: string) => {
  if (!values.json) process.stdout.write(`${line}\n`)
}

function time<T>(work: () => T): { ms: number; cpuMs: number; result: T } {
  const began = performance.now()
  const cpu = process.cpuUsage()
  const result = work()
  const used = process.cpuUsage(cpu)
  return { ms: performance.now() - began, cpuMs: (used.user + used.system) / 1000, result }
}

/**
 * Median wall and CPU time of `repeat` runs, after one warm-up run. CPU time is what the query
 * costs; wall time also has the waits of a machine shared with other work.
 */
function median(work: () => unknown): { ms: number; cpuMs: number } {
  work()
  const runs = Array.from({ length: repeat }, () => time(work))
  const middle = (values: number[]) =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
  return { ms: middle(runs.map((r) => r.ms)), cpuMs: middle(runs.map((r) => r.cpuMs)) }
}

const round = (ms: number) => Math.round(ms * 10) / 10

try {
  let fillSeconds = 0
  let buildMs = 0
  if (!values.reuse) {
    log(`Filling ${conversations.toLocaleString('en')} conversations over a year into ${file} …`)
    const filled = fillYear(database, { conversations, endMs })
    fillSeconds = filled.seconds
    log(
      `  ${filled.turns} turns, ${filled.steps} steps, ${filled.messages} messages, ${filled.events} events in ${filled.seconds.toFixed(1)} s`,
    )
    const build = time(() => refreshRollups(database, { now: () => endMs }))
    buildMs = build.ms
    log(
      `Rollups built from scratch: ${build.result.days} flow-days in ${(build.ms / 1000).toFixed(1)} s`,
    )
  }
  const rollupRows = database.sqlite
    .prepare(`SELECT (SELECT count(*) FROM analytics_daily_totals) AS totals,
      (SELECT count(*) FROM analytics_daily_cuts) AS cuts,
      (SELECT count(*) FROM analytics_node_daily) AS node,
      (SELECT count(*) FROM analytics_unanswered_daily) AS unanswered`)
    .get() as { totals: number; cuts: number; node: number; unanswered: number }
  log(`  rollup rows: ${JSON.stringify(rollupRows)}`)

  const year = { from: '2025-11-26', to: '2026-11-25' }
  const queries: [string, () => unknown][] = [
    ['refresh, nothing changed', () => refreshRollups(database, { now: () => endMs })],
    ['workspace KPIs per day, a year', () => computeKpis(database, { ...year, groupBy: 'day' })],
    [
      'one flow KPIs per day, a year',
      () => computeKpis(database, { ...year, flowId: 'shop', groupBy: 'day' }),
    ],
    [
      'one flow by variant, a year',
      () => computeKpis(database, { ...year, flowId: 'shop', groupBy: 'variant' }),
    ],
    [
      'one flow by channel, a year',
      () => computeKpis(database, { ...year, flowId: 'shop', groupBy: 'channel' }),
    ],
    [
      'one flow by intent, a year',
      () => computeKpis(database, { ...year, flowId: 'shop', groupBy: 'intent' }),
    ],
    [
      'one flow by locale, 30 days',
      () =>
        computeKpis(database, {
          flowId: 'shop',
          from: '2026-10-27',
          to: '2026-11-25',
          groupBy: 'locale',
        }),
    ],
    ['workspace by channel, a year', () => computeKpis(database, { ...year, groupBy: 'channel' })],
    [
      'one flow, web channel, per day, a year',
      () => computeKpis(database, { ...year, flowId: 'shop', channel: 'web', groupBy: 'day' }),
    ],
    [
      'top 50 unanswered, workspace, a year',
      () => queryUnanswered(database, { ...year, limit: 50 }),
    ],
    [
      'top 50 unanswered, workspace, 30 days',
      () => queryUnanswered(database, { from: '2026-10-27', to: '2026-11-25' }),
    ],
    [
      'top 50 unanswered, one flow, a year',
      () => queryUnanswered(database, { ...year, flowId: 'shop' }),
    ],
    [
      'node stats by variant, one flow, a year',
      () => queryNodeStats(database, { ...year, flowId: 'shop' }),
    ],
    [
      'node stats by variant, one flow, 30 days',
      () => queryNodeStats(database, { flowId: 'shop', from: '2026-10-27', to: '2026-11-25' }),
    ],
  ]
  const results: Record<string, { ms: number; cpuMs: number }> = {}
  log('\nDashboard queries (median of runs: wall ms, CPU ms):')
  for (const [name, work] of queries) {
    const { ms, cpuMs } = median(work)
    results[name] = { ms: round(ms), cpuMs: round(cpuMs) }
    log(`  ${name.padEnd(42)} ${round(ms)}\t${round(cpuMs)}`)
  }

  // A busy minute: 1,000 of the latest conversations take a turn; the next dashboard load
  // refreshes their days.
  const { latest } = database.sqlite
    .prepare(`SELECT max(updated_at) AS latest FROM conversations WHERE status = 'closed'`)
    .get() as { latest: string }
  const turnMs = Math.max(endMs, Date.parse(latest)) + 60_000
  const today = new Date(turnMs).toISOString()
  database.sqlite
    .prepare(`UPDATE conversations SET updated_at = ? WHERE rowid IN
      (SELECT rowid FROM conversations ORDER BY created_at DESC LIMIT 1000)`)
    .run(today)
  const incremental = time(() => refreshRollups(database, { now: () => turnMs + 60_000 }))
  results['refresh after 1,000 conversations of today changed'] = {
    ms: round(incremental.ms),
    cpuMs: round(incremental.cpuMs),
  }
  log(
    `  ${'refresh after 1,000 of today changed'.padEnd(42)} ${round(incremental.ms)}\t${round(incremental.cpuMs)} (${incremental.result.days} flow-days)`,
  )

  // Why rollups: the same month straight from the raw tables.
  const raw = time(() =>
    computeKpisFromConversations(database, {
      flowId: 'shop',
      from: '2026-10-27',
      to: '2026-11-25',
      groupBy: 'day',
    }),
  )
  results['raw tables, one flow per day, 30 days (no rollups)'] = {
    ms: round(raw.ms),
    cpuMs: round(raw.cpuMs),
  }
  log(
    `  ${'raw tables, one flow per day, 30 days'.padEnd(42)} ${round(raw.ms)}\t${round(raw.cpuMs)}`,
  )

  const summary = {
    conversations,
    fillSeconds: round(fillSeconds),
    rollupBuildSeconds: round(buildMs / 1000),
    databaseMb: Math.round(statSync(file).size / 1024 / 1024),
    rollupRows,
    queriesMs: results,
  }
  log(`\nDatabase file: ${summary.databaseMb} MB`)
  process.stdout.write(`${JSON.stringify(summary)}\n`)
} finally {
  database.close()
  if (!values.keep && !values.reuse) rmSync(dir, { recursive: true, force: true })
  else log(`Kept ${file}`)
}
