import type { ExperimentKpi, experimentKpis } from '../../shared/index.ts'
import { computeKpis, costOf, type KpiGroup, readTokenPrices } from '../analytics/index.ts'
import type { Database } from '../storage/index.ts'
import type { MeanSample, ProportionSample } from './statistics.ts'

export type KpiSample =
  | ({ kind: 'proportion' } & ProportionSample)
  | ({ kind: 'mean' } & MeanSample)

/** Each KPI's sample has the kind experiment-schemas.ts declares for it (checked by tsc). */
type SamplesByKpi = {
  [K in ExperimentKpi]: (typeof experimentKpis)[K]['kind'] extends 'proportion'
    ? { kind: 'proportion' } & ProportionSample
    : { kind: 'mean' } & MeanSample
}

export interface VariantSamples {
  variant: string
  conversations: number
  kpis: Record<ExperimentKpi, KpiSample>
  /** p50/p95 of the first response, when analytics has them. */
  firstResponseP50Ms: number | null
  firstResponseP95Ms: number | null
  currency: string
}

interface SquareSums {
  tokens: number
  cost: number
  conversionValue: number
}

/**
 * What each variant's statistics need, per KPI: successes and trials for rates, count, sum and
 * sum of squares for means. The KPIs come from runtime/analytics (DESIGN §10 in one place);
 * it does not sum squares of tokens, cost and conversion value, so those are added here from
 * the same per-conversation facts.
 */
export function variantSamples(database: Database, experimentId: string): VariantSamples[] {
  const groups = computeKpis(database, { experimentId, groupBy: 'variant' })
  const squares = squareSums(database, experimentId)
  const prices = readTokenPrices(database)
  return groups
    .filter((group) => group.key !== '')
    .map((group) => toSamples(group, squares.get(group.key), prices.currency))
}

function toSamples(group: KpiGroup, squares: SquareSums | undefined, currency: string) {
  const n = group.conversations
  const mean = (sum: number, sumOfSquares: number) => ({
    kind: 'mean' as const,
    count: n,
    sum,
    sumOfSquares,
  })
  const rate = (successes: number, trials: number) => ({
    kind: 'proportion' as const,
    successes,
    trials,
  })
  const kpis = {
    automationResolutionRate: rate(group.resolvedByBot, group.closed),
    handoffRate: rate(group.handedOff, n),
    abandonmentRate: rate(group.abandoned, n),
    csatRate: rate(group.csatPositive, group.csatAnswers),
    conversionRate: rate(group.conversions, n),
    conversionValuePerConversation: mean(group.conversionValue, squares?.conversionValue ?? 0),
    turnsPerConversation: mean(group.turns.sum, group.turns.sumSquares),
    firstResponseMs: {
      kind: 'mean' as const,
      count: group.firstResponseMs.count,
      sum: group.firstResponseMs.sum,
      sumOfSquares: group.firstResponseMs.sumSquares,
    },
    tokensPerConversation: mean(group.tokens, squares?.tokens ?? 0),
    costPerConversation: mean(group.cost, squares?.cost ?? 0),
  } satisfies SamplesByKpi
  return {
    variant: group.key,
    conversations: n,
    kpis,
    firstResponseP50Ms: group.firstResponseMs.p50,
    firstResponseP95Ms: group.firstResponseMs.p95,
    currency,
  }
}

interface ConversationAmounts {
  variant: string
  promptTokens: number
  completionTokens: number
  conversionValue: number
}

// Per conversation, the amounts whose squares the mean tests need. Same sources as the
// analytics facts (turns for tokens, conversion events for value); draft tests excluded.
const amountsSql = `SELECT c.variant AS variant,
  coalesce((SELECT sum(t.prompt_tokens) FROM turns t WHERE t.conversation_id = c.id), 0)
    AS promptTokens,
  coalesce((SELECT sum(t.completion_tokens) FROM turns t WHERE t.conversation_id = c.id), 0)
    AS completionTokens,
  coalesce((SELECT sum(e.value) FROM conversation_events e WHERE e.conversation_id = c.id
    AND e.type = 'conversion'), 0) AS conversionValue
  FROM conversations c
  WHERE c.experiment_id = ? AND c.flow_version > 0 AND c.variant IS NOT NULL`

function squareSums(database: Database, experimentId: string): Map<string, SquareSums> {
  const prices = readTokenPrices(database)
  const sums = new Map<string, SquareSums>()
  const rows = database.sqlite.prepare(amountsSql).iterate(experimentId)
  for (const row of rows as IterableIterator<ConversationAmounts>) {
    let sum = sums.get(row.variant)
    if (!sum) {
      sum = { tokens: 0, cost: 0, conversionValue: 0 }
      sums.set(row.variant, sum)
    }
    const tokens = row.promptTokens + row.completionTokens
    const cost = costOf(row.promptTokens, row.completionTokens, prices)
    sum.tokens += tokens * tokens
    sum.cost += cost * cost
    sum.conversionValue += row.conversionValue * row.conversionValue
  }
  return sums
}
