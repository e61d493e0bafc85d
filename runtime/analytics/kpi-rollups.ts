import type { Database } from '../storage/index.ts'
import { addTotals, emptyTotals, type KpiTotals, toKpiGroup } from './kpi-accumulator.ts'
import {
  compareKeys,
  type KpiGroup,
  type KpiGroupBy,
  type KpiQuery,
  type TokenPrices,
} from './kpi-definitions.ts'

const cuts = ['channel', 'locale', 'intent'] as const
type Cut = (typeof cuts)[number]

function isCut(groupBy: KpiGroupBy | undefined): groupBy is Cut {
  return groupBy === 'channel' || groupBy === 'locale' || groupBy === 'intent'
}

const totalsKey: Record<Exclude<KpiGroupBy, Cut> | 'all', string> = {
  all: `'all'`,
  variant: 'variant',
  day: 'day',
  version: 'CAST(flow_version AS TEXT)',
}

/** WHERE clause and parameters for a query on a rollup table with these columns. */
export function rollupWhere(
  query: Pick<KpiQuery, 'flowId' | 'from' | 'to' | 'versions' | 'variant'>,
): { where: string; params: Record<string, string> } {
  const where: string[] = []
  const params: Record<string, string> = {}
  const add = (condition: string, name: string, value: string | undefined) => {
    if (value === undefined) return
    where.push(condition)
    params[name] = value
  }
  add('flow_id = @flowId', 'flowId', query.flowId)
  add('day >= @from', 'from', query.from)
  add('day <= @to', 'to', query.to)
  add('variant = @variant', 'variant', query.variant)
  if (query.versions && query.versions.length > 0)
    where.push(`flow_version IN (${query.versions.map((v) => Math.trunc(v)).join(', ')})`)
  return { where: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params }
}

/**
 * Which rollup answers the query: the totals without cuts, the cuts table for one cut (as
 * the grouping, as a filter, or both on the same cut); undefined for a cut crossed with
 * another, which only the raw tables can answer.
 */
export function rollupPlan(
  query: KpiQuery,
): { table: string; key: string; where: string; params: Record<string, string> } | undefined {
  const filters = cuts.filter((cut) => query[cut] !== undefined)
  const base = rollupWhere(query)
  const and = (condition: string) =>
    base.where === '' ? `WHERE ${condition}` : `${base.where} AND ${condition}`
  const groupBy = query.groupBy
  if (filters.length === 0) {
    if (!isCut(groupBy))
      return { table: 'analytics_daily_totals', key: totalsKey[groupBy ?? 'all'], ...base }
    return {
      table: 'analytics_daily_cuts',
      key: 'value',
      where: and('cut = @cut'),
      params: { ...base.params, cut: groupBy },
    }
  }
  const [cut] = filters
  if (filters.length > 1 || cut === undefined || (isCut(groupBy) && groupBy !== cut))
    return undefined
  return {
    table: 'analytics_daily_cuts',
    key: isCut(groupBy) ? 'value' : totalsKey[groupBy ?? 'all'],
    where: and('cut = @cut AND value = @value'),
    params: { ...base.params, cut, value: query[cut] ?? '' },
  }
}

interface RollupRow extends Omit<KpiTotals, 'firstResponseHistogram'> {
  key: string
  firstResponseHistogram: string
}

/**
 * KPIs from the daily rollups: the matching rows (a few thousand for a flow and a year) are
 * read once and added up here, histograms included. Undefined when no rollup can answer (see
 * rollupPlan).
 */
export function queryKpiRollups(
  database: Database,
  query: KpiQuery,
  prices: TokenPrices,
): KpiGroup[] | undefined {
  const plan = rollupPlan(query)
  if (!plan) return undefined
  const { table, key, where, params } = plan
  const rows = database.sqlite
    .prepare(`SELECT ${key} AS key, conversations, closed, resolved_by_bot AS resolvedByBot,
      handed_off AS handedOff, abandoned, csat_answers AS csatAnswers,
      csat_positive AS csatPositive, conversions, conversion_value AS conversionValue,
      turns_sum AS turnsSum, turns_squares AS turnsSquares,
      first_response_count AS firstResponseCount, first_response_sum_ms AS firstResponseSumMs,
      first_response_squares AS firstResponseSquares,
      first_response_histogram AS firstResponseHistogram, prompt_tokens AS promptTokens,
      completion_tokens AS completionTokens
      FROM ${table} ${where}`)
    .iterate(params) as IterableIterator<RollupRow>
  const groups = new Map<string, KpiTotals>()
  for (const { key: groupKey, firstResponseHistogram, ...sums } of rows) {
    let totals = groups.get(groupKey)
    if (!totals) {
      totals = emptyTotals()
      groups.set(groupKey, totals)
    }
    addTotals(totals, {
      ...sums,
      firstResponseHistogram: JSON.parse(firstResponseHistogram) as Record<string, number>,
    })
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareKeys(a, b, query.groupBy))
    .map(([groupKey, totals]) => toKpiGroup(groupKey, totals, prices))
}
