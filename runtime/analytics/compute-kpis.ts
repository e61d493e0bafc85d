import { AppError } from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import {
  type ConversationFact,
  conversationColumns,
  conversationFacts,
  type FactFilter,
} from './conversation-facts.ts'
import { dayStart, nextDay } from './day-range.ts'
import { addFact, emptyTotals, type KpiTotals, toKpiGroup } from './kpi-accumulator.ts'
import { compareKeys, type KpiGroup, type KpiGroupBy, type KpiQuery } from './kpi-definitions.ts'
import { queryKpiRollups } from './kpi-rollups.ts'
import { type RefreshOptions, refreshRollups } from './refresh-rollups.ts'
import { readTokenPrices } from './token-prices.ts'

/**
 * KPIs per group (DESIGN §10) for the dashboards and the experiments. Reads the daily rollups
 * (refreshed first, so the answer includes the latest turns). A query by experiment, or one
 * crossing two cuts (channel and intent, say), reads the conversations themselves: rollups
 * are not cut that way.
 */
export function computeKpis(
  database: Database,
  query: KpiQuery = {},
  refresh: RefreshOptions = {},
): KpiGroup[] {
  if (query.experimentId !== undefined) return computeKpisFromConversations(database, query)
  refreshRollups(database, refresh)
  return (
    queryKpiRollups(database, query, readTokenPrices(database)) ??
    computeKpisFromConversations(database, query)
  )
}

/** The same KPIs straight from the raw tables, with exact percentiles. Slow on a year of data. */
export function computeKpisFromConversations(database: Database, query: KpiQuery): KpiGroup[] {
  if (query.experimentId !== undefined && !conversationColumns(database).has('experiment_id')) {
    throw new AppError(
      'invalid_request',
      'Conversations do not record an experiment yet: cut by variant and versions instead',
      { path: ['experimentId'] },
    )
  }
  const groups = new Map<string, { totals: KpiTotals; firstResponses: number[] }>()
  for (const fact of conversationFacts(database, toFactFilter(query))) {
    if (query.intent !== undefined && fact.intent !== query.intent) continue
    const key = groupKey(fact, query.groupBy)
    let group = groups.get(key)
    if (!group) {
      group = { totals: emptyTotals(), firstResponses: [] }
      groups.set(key, group)
    }
    addFact(group.totals, fact)
    if (fact.firstResponseMs !== null) group.firstResponses.push(fact.firstResponseMs)
  }
  const prices = readTokenPrices(database)
  return [...groups.entries()]
    .sort(([a], [b]) => compareKeys(a, b, query.groupBy))
    .map(([key, group]) => toKpiGroup(key, group.totals, prices, group.firstResponses))
}

export function toFactFilter(query: KpiQuery): FactFilter {
  const filter: FactFilter = {}
  if (query.flowId !== undefined) filter.flowId = query.flowId
  if (query.from !== undefined) filter.createdFrom = dayStart(query.from)
  if (query.to !== undefined) filter.createdBefore = dayStart(nextDay(query.to))
  if (query.versions !== undefined) filter.versions = query.versions
  if (query.experimentId !== undefined) filter.experimentId = query.experimentId
  if (query.variant !== undefined) filter.variant = query.variant
  if (query.channel !== undefined) filter.channel = query.channel
  if (query.locale !== undefined) filter.locale = query.locale
  return filter
}

function groupKey(fact: ConversationFact, groupBy: KpiGroupBy | undefined): string {
  switch (groupBy) {
    case undefined:
      return 'all'
    case 'version':
      return String(fact.flowVersion)
    case 'variant':
    case 'day':
    case 'channel':
    case 'locale':
    case 'intent':
      return fact[groupBy]
    default: {
      const unknownGroupBy: never = groupBy
      throw new Error(`Unknown groupBy ${String(unknownGroupBy)}`)
    }
  }
}
