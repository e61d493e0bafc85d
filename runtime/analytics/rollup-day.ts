import { maskAllPii, type NodeStats } from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import { type ConversationFact, conversationFacts } from './conversation-facts.ts'
import { dayStart, nextDay } from './day-range.ts'
import { addToHistogram, type Histogram } from './histogram.ts'
import { addFact, emptyTotals, type KpiTotals } from './kpi-accumulator.ts'
import type { UnansweredReason } from './kpi-definitions.ts'

interface StepRow {
  flowVersion: number
  variant: string
  nodeId: string
  nodeType: string
  port: string | null
  outcome: 'port' | 'wait' | 'end' | 'error' | 'no_edge'
  step: number
  durationUs: number
}

/**
 * One node's additive counts over a set of steps: a node rollup row, or their sum. The counts
 * are NodeStats' own; durations are kept as a sum and a histogram, to be added up.
 */
export interface NodeCounts
  extends Pick<NodeStats, 'nodeId' | 'entries' | 'exits' | 'errors' | 'dropOffs' | 'steps'> {
  durationSumUs: number
  durationHistogram: Histogram
}

interface NodeTotals extends NodeCounts {
  flowVersion: number
  variant: string
}

interface UnansweredRow {
  reason: UnansweredReason
  text: string
  createdAt: string
  conversationId: string
  locale: string
}

/**
 * How a question is kept in the work list: personal data masked (DESIGN §11: analytics and
 * its exports never show it), trimmed, spaces collapsed, lower case.
 */
export function normalizeQuestion(text: string): string {
  return maskAllPii(text).text.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, 200)
}

/**
 * Recomputes every rollup row of one flow and day (the conversations that started that day)
 * from the raw tables, in one transaction: idempotent, so two processes may both run it.
 */
export function rollupDay(database: Database, flowId: string, day: string): void {
  const range = { flowId, from: dayStart(day), before: dayStart(nextDay(day)) }
  database.transaction(() => {
    for (const table of rollupTables) {
      // The cuts table's key starts (flow, cut, day): naming the cuts keeps this a key lookup.
      const cuts =
        table === 'analytics_daily_cuts' ? ` AND cut IN ('channel', 'locale', 'intent')` : ''
      database.sqlite
        .prepare(`DELETE FROM ${table} WHERE flow_id = ?${cuts} AND day = ?`)
        .run(flowId, day)
    }
    writeKpiRows(database, flowId, day, range)
    writeNodeRows(database, flowId, day, range)
    writeUnansweredRows(database, flowId, day, range)
  })
}

const rollupTables = [
  'analytics_daily_totals',
  'analytics_daily_cuts',
  'analytics_node_daily',
  'analytics_unanswered_daily',
]

interface Range {
  flowId: string
  from: string
  before: string
}

const measureColumns = `conversations, closed, resolved_by_bot, handed_off, abandoned,
  csat_answers, csat_positive, conversions, conversion_value, turns_sum, turns_squares,
  first_response_count, first_response_sum_ms, first_response_squares, first_response_histogram,
  prompt_tokens, completion_tokens`
const measureValues = `@conversations, @closed, @resolvedByBot, @handedOff, @abandoned,
  @csatAnswers, @csatPositive, @conversions, @conversionValue, @turnsSum, @turnsSquares,
  @firstResponseCount, @firstResponseSumMs, @firstResponseSquares, @firstResponseHistogram,
  @promptTokens, @completionTokens`

const cuts = ['channel', 'locale', 'intent'] as const

interface RollupGroup {
  flowVersion: number
  variant: string
  cut?: (typeof cuts)[number]
  value?: string
  totals: KpiTotals
}

function writeKpiRows(database: Database, flowId: string, day: string, range: Range): void {
  const groups = new Map<string, RollupGroup>()
  const add = (key: string, group: Omit<RollupGroup, 'totals'>, fact: ConversationFact) => {
    let found = groups.get(key)
    if (!found) {
      found = { ...group, totals: emptyTotals() }
      groups.set(key, found)
    }
    addFact(found.totals, fact)
  }
  const facts = conversationFacts(database, {
    flowId,
    createdFrom: range.from,
    createdBefore: range.before,
  })
  for (const fact of facts) {
    const { flowVersion, variant } = fact
    add(JSON.stringify([flowVersion, variant]), { flowVersion, variant }, fact)
    for (const cut of cuts) {
      const value = fact[cut]
      add(
        JSON.stringify([flowVersion, variant, cut, value]),
        { flowVersion, variant, cut, value },
        fact,
      )
    }
  }
  const insertTotals = database.sqlite.prepare(`INSERT INTO analytics_daily_totals (flow_id, day,
    flow_version, variant, ${measureColumns}) VALUES (@flowId, @day, @flowVersion, @variant,
    ${measureValues})`)
  const insertCut = database.sqlite.prepare(`INSERT INTO analytics_daily_cuts (flow_id, day,
    flow_version, variant, cut, value, ${measureColumns}) VALUES (@flowId, @day, @flowVersion,
    @variant, @cut, @value, ${measureValues})`)
  for (const group of groups.values()) {
    const row = {
      ...group.totals,
      firstResponseHistogram: JSON.stringify(group.totals.firstResponseHistogram),
      flowId,
      day,
      flowVersion: group.flowVersion,
      variant: group.variant,
    }
    if (group.cut === undefined) insertTotals.run(row)
    else insertCut.run({ ...row, cut: group.cut, value: group.value })
  }
}

// A step at position 0 of a turn that is not the start node resumed a waiting node: the
// customer answered it. That node was entered in an earlier turn, so it is not a new entry.
function isResumeStep(step: StepRow): boolean {
  return step.step === 0 && step.nodeType !== 'start'
}

function writeNodeRows(database: Database, flowId: string, day: string, range: Range): void {
  const nodes = new Map<string, NodeTotals>()
  const nodeTotals = (flowVersion: number, variant: string, nodeId: string) => {
    const key = JSON.stringify([flowVersion, variant, nodeId])
    let totals = nodes.get(key)
    if (!totals) {
      totals = {
        ...{ flowVersion, variant, nodeId, entries: 0, exits: {}, errors: 0, dropOffs: 0 },
        ...{ steps: 0, durationSumUs: 0, durationHistogram: {} },
      }
      nodes.set(key, totals)
    }
    return totals
  }
  const steps = database.sqlite
    .prepare(`SELECT c.flow_version AS flowVersion, coalesce(c.variant, '') AS variant,
      te.node_id AS nodeId, te.node_type AS nodeType, te.port AS port, te.outcome AS outcome,
      te.step AS step, te.duration_us AS durationUs
      FROM conversations c JOIN turn_events te ON te.conversation_id = c.id
      WHERE c.flow_id = @flowId AND c.created_at >= @from AND c.created_at < @before
      AND c.flow_version > 0`)
    .iterate(range) as IterableIterator<StepRow>
  for (const step of steps) {
    const totals = nodeTotals(step.flowVersion, step.variant, step.nodeId)
    totals.steps += 1
    if (!isResumeStep(step)) totals.entries += 1
    totals.durationSumUs += step.durationUs
    addToHistogram(totals.durationHistogram, step.durationUs)
    if (step.outcome === 'error') totals.errors += 1
    const exitPort = step.outcome === 'end' ? 'end' : step.outcome === 'wait' ? null : step.port
    if (exitPort) totals.exits[exitPort] = (totals.exits[exitPort] ?? 0) + 1
  }
  // Drop-off: the idle sweeper closed the conversation while it waited at this node.
  const dropOffs = database.sqlite
    .prepare(`SELECT c.flow_version AS flowVersion, coalesce(c.variant, '') AS variant,
      json_extract(c.state, '$.cursor.nodeId') AS nodeId, count(*) AS count
      FROM conversations c WHERE c.flow_id = @flowId AND c.created_at >= @from
      AND c.created_at < @before AND c.flow_version > 0 AND c.resolution = 'abandoned'
      AND nodeId IS NOT NULL GROUP BY 1, 2, 3`)
    .all(range) as { flowVersion: number; variant: string; nodeId: string; count: number }[]
  for (const row of dropOffs)
    nodeTotals(row.flowVersion, row.variant, row.nodeId).dropOffs += row.count

  const insert = database.sqlite.prepare(`INSERT INTO analytics_node_daily VALUES (@flowId, @day,
    @flowVersion, @variant, @nodeId, @entries, @exits, @errors, @dropOffs, @steps, @durationSumUs,
    @durationHistogram)`)
  for (const totals of nodes.values()) {
    insert.run({
      ...totals,
      flowId,
      day,
      exits: JSON.stringify(totals.exits),
      durationHistogram: JSON.stringify(totals.durationHistogram),
    })
  }
}

function writeUnansweredRows(database: Database, flowId: string, day: string, range: Range): void {
  const rows = database.sqlite
    .prepare(`SELECT CASE te.node_type WHEN 'intent' THEN 'intent_fallback'
        ELSE 'retrieve_not_found' END AS reason, m.text AS text, m.created_at AS createdAt,
      c.id AS conversationId, c.locale AS locale
      FROM conversations c JOIN turn_events te ON te.conversation_id = c.id
      JOIN messages m ON m.conversation_id = te.conversation_id AND m.turn_id = te.turn_id
        AND m.role = 'customer'
      WHERE c.flow_id = @flowId AND c.created_at >= @from AND c.created_at < @before
      AND c.flow_version > 0 AND ((te.node_type = 'intent' AND te.port = 'fallback')
        OR (te.node_type = 'retrieve' AND te.port = 'notFound'))`)
    .iterate(range) as IterableIterator<UnansweredRow>
  const questions = new Map<string, UnansweredRow & { question: string; count: number }>()
  for (const row of rows) {
    const question = normalizeQuestion(row.text)
    if (question === '') continue
    const key = JSON.stringify([question, row.reason])
    const seen = questions.get(key)
    if (!seen) questions.set(key, { ...row, question, count: 1 })
    else {
      seen.count += 1
      if (row.createdAt > seen.createdAt)
        Object.assign(seen, { ...row, question, count: seen.count })
    }
  }
  const insert = database.sqlite.prepare(`INSERT INTO analytics_unanswered_daily VALUES (@flowId,
    @day, @question, @reason, @count, @createdAt, @conversationId, @locale)`)
  for (const q of questions.values()) {
    insert.run({
      flowId,
      day,
      question: q.question,
      reason: q.reason,
      count: q.count,
      createdAt: q.createdAt,
      conversationId: q.conversationId,
      locale: q.locale,
    })
  }
}
