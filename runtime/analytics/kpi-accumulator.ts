import type { ConversationFact } from './conversation-facts.ts'
import {
  addToHistogram,
  exactQuantile,
  type Histogram,
  histogramQuantile,
  mergeHistogram,
} from './histogram.ts'
import {
  costOf,
  type KpiGroup,
  type KpiSums,
  kpiRates,
  type TokenPrices,
} from './kpi-definitions.ts'

/**
 * Additive sums of a set of conversations: what a rollup row stores. The counts are KpiSums'
 * own (same meaning); the rest is kept flat, with a histogram, to be added up and stored.
 */
export interface KpiTotals
  extends Pick<
    KpiSums,
    | 'conversations'
    | 'closed'
    | 'resolvedByBot'
    | 'handedOff'
    | 'abandoned'
    | 'csatAnswers'
    | 'csatPositive'
    | 'conversions'
    | 'conversionValue'
  > {
  turnsSum: number
  turnsSquares: number
  firstResponseCount: number
  firstResponseSumMs: number
  firstResponseSquares: number
  firstResponseHistogram: Histogram
  promptTokens: number
  completionTokens: number
}

export function emptyTotals(): KpiTotals {
  return {
    conversations: 0,
    closed: 0,
    resolvedByBot: 0,
    handedOff: 0,
    abandoned: 0,
    csatAnswers: 0,
    csatPositive: 0,
    conversions: 0,
    conversionValue: 0,
    turnsSum: 0,
    turnsSquares: 0,
    firstResponseCount: 0,
    firstResponseSumMs: 0,
    firstResponseSquares: 0,
    firstResponseHistogram: {},
    promptTokens: 0,
    completionTokens: 0,
  }
}

/**
 * Automation resolution (DESIGN §10): closed, never reached an agent, and not marked
 * unresolved. An abandoned conversation the bot kept to itself counts as resolved, like an
 * "assumed resolution": the customer asked for nothing more.
 */
export function isResolvedByBot(fact: ConversationFact): boolean {
  return fact.isClosed === 1 && fact.isHandedOff === 0 && fact.resolution !== 'unresolved'
}

export function addFact(totals: KpiTotals, fact: ConversationFact): void {
  totals.conversations += 1
  totals.closed += fact.isClosed
  if (isResolvedByBot(fact)) totals.resolvedByBot += 1
  totals.handedOff += fact.isHandedOff
  if (fact.isClosed === 1 && fact.resolution === 'abandoned') totals.abandoned += 1
  totals.csatAnswers += fact.csatAnswers
  totals.csatPositive += fact.csatPositive
  if (fact.conversionCount > 0) totals.conversions += 1
  totals.conversionValue += fact.conversionValue
  totals.turnsSum += fact.turnCount
  totals.turnsSquares += fact.turnCount * fact.turnCount
  if (fact.firstResponseMs !== null) {
    totals.firstResponseCount += 1
    totals.firstResponseSumMs += fact.firstResponseMs
    totals.firstResponseSquares += fact.firstResponseMs * fact.firstResponseMs
    addToHistogram(totals.firstResponseHistogram, fact.firstResponseMs)
  }
  totals.promptTokens += fact.promptTokens
  totals.completionTokens += fact.completionTokens
}

export function addTotals(into: KpiTotals, from: KpiTotals): void {
  for (const key of Object.keys(into) as (keyof KpiTotals)[]) {
    if (key === 'firstResponseHistogram') mergeHistogram(into[key], from[key])
    else into[key] += from[key]
  }
}

/**
 * The group as the API returns it. With the exact first-response times at hand (raw path)
 * the percentiles are exact; from rollups they come from the histogram.
 */
export function toKpiGroup(
  key: string,
  totals: KpiTotals,
  prices: TokenPrices,
  exactFirstResponses?: readonly number[],
): KpiGroup {
  const quantile = (q: number) =>
    exactFirstResponses
      ? exactQuantile(exactFirstResponses, q)
      : histogramQuantile(totals.firstResponseHistogram, q)
  const sums = {
    conversations: totals.conversations,
    closed: totals.closed,
    resolvedByBot: totals.resolvedByBot,
    handedOff: totals.handedOff,
    abandoned: totals.abandoned,
    csatAnswers: totals.csatAnswers,
    csatPositive: totals.csatPositive,
    conversions: totals.conversions,
    conversionValue: totals.conversionValue,
    turns: { sum: totals.turnsSum, sumSquares: totals.turnsSquares },
    firstResponseMs: {
      count: totals.firstResponseCount,
      sum: totals.firstResponseSumMs,
      sumSquares: totals.firstResponseSquares,
      p50: quantile(0.5),
      p95: quantile(0.95),
    },
    promptTokens: totals.promptTokens,
    completionTokens: totals.completionTokens,
    tokens: totals.promptTokens + totals.completionTokens,
    cost: costOf(totals.promptTokens, totals.completionTokens, prices),
  }
  return { key, ...sums, rates: kpiRates(sums) }
}
