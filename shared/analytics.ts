import { z } from 'zod'

// Analytics (DESIGN §10), in one place: the server computes, the editor shows. Every number the dashboards, the canvas overlay, the CSV export and
// the experiments show is derived here from the sums below, so they can never disagree.

/** Targets the dashboards draw as lines. */
export const kpiTargets = { automationResolutionRate: 0.75, csatRate: 0.85 } as const

export const kpiGroupBys = ['variant', 'day', 'channel', 'locale', 'intent', 'version'] as const
export type KpiGroupBy = (typeof kpiGroupBys)[number]

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')

export const kpiQuerySchema = z.object({
  flowId: z.string().min(1).optional(),
  /** First day included (UTC, the conversation's start day). */
  from: isoDay.optional(),
  /** Last day included. */
  to: isoDay.optional(),
  versions: z.array(z.number().int().positive()).optional(),
  /** Only when conversations record their experiment (column `experiment_id`). */
  experimentId: z.string().min(1).optional(),
  groupBy: z.enum(kpiGroupBys).optional(),
  variant: z.string().optional(),
  channel: z.string().optional(),
  locale: z.string().optional(),
  intent: z.string().optional(),
})
export type KpiQuery = z.infer<typeof kpiQuerySchema>

/** The sums of one group: what rates, means and variances (for significance tests) need. */
export interface KpiSums {
  conversations: number
  /** Closed conversations: the denominator of the automation resolution rate. */
  closed: number
  /** Closed, never handed off, and not marked unresolved. */
  resolvedByBot: number
  /** Reached the agent queue (`handed_off_at` set). */
  handedOff: number
  /** Closed by the idle sweeper: the customer went silent mid-flow. */
  abandoned: number
  csatAnswers: number
  /** Answers of 4 or 5 on the 1–5 scale. */
  csatPositive: number
  /** Conversations with at least one conversion (goal reached or posted by the business). */
  conversions: number
  conversionValue: number
  /** Turns per conversation: sum and sum of squares over conversations. */
  turns: { sum: number; sumSquares: number }
  /** How long the bot took to answer the customer's first message. */
  firstResponseMs: {
    count: number
    sum: number
    sumSquares: number
    p50: number | null
    p95: number | null
  }
  promptTokens: number
  completionTokens: number
  tokens: number
  /** At the current token prices (docs/analytics.md); 0 when none are set. */
  cost: number
}

export interface KpiRates {
  automationResolutionRate: number | null
  csatRate: number | null
  handoffRate: number | null
  abandonmentRate: number | null
  conversionRate: number | null
  turnsPerConversation: number | null
  firstResponseMsMean: number | null
  tokensPerConversation: number | null
  costPerConversation: number | null
}

export interface KpiGroup extends KpiSums {
  /** The group's value (a day, a variant…); `all` without groupBy; '' for none. */
  key: string
  rates: KpiRates
}

/** Prices per 1,000 prompt and completion tokens, in `currency` (docs/analytics.md). */
export const tokenPricesSchema = z.strictObject({
  promptPer1k: z.number().finite().min(0).max(1000),
  completionPer1k: z.number().finite().min(0).max(1000),
  currency: z.string().trim().min(1).max(10),
})
export type TokenPrices = z.infer<typeof tokenPricesSchema>

export const noTokenPrices: TokenPrices = { promptPer1k: 0, completionPer1k: 0, currency: 'CNY' }

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

export function costOf(promptTokens: number, completionTokens: number, prices: TokenPrices) {
  return (promptTokens * prices.promptPer1k + completionTokens * prices.completionPer1k) / 1000
}

export function kpiRates(s: KpiSums): KpiRates {
  return {
    automationResolutionRate: ratio(s.resolvedByBot, s.closed),
    csatRate: ratio(s.csatPositive, s.csatAnswers),
    handoffRate: ratio(s.handedOff, s.conversations),
    abandonmentRate: ratio(s.abandoned, s.conversations),
    conversionRate: ratio(s.conversions, s.conversations),
    turnsPerConversation: ratio(s.turns.sum, s.conversations),
    firstResponseMsMean: ratio(s.firstResponseMs.sum, s.firstResponseMs.count),
    tokensPerConversation: ratio(s.tokens, s.conversations),
    costPerConversation: ratio(s.cost, s.conversations),
  }
}

/** Days and names sort as text; versions as numbers. */
export function compareKeys(a: string, b: string, groupBy: KpiGroupBy | undefined): number {
  if (groupBy === 'version') return Number(a) - Number(b)
  return a < b ? -1 : a > b ? 1 : 0
}

/** What the canvas overlay shows on one node (DESIGN §10). */
export interface NodeStats {
  nodeId: string
  /** Times a conversation arrived at the node (a waiting node answered later is one entry). */
  entries: number
  /** Port → times the node left through it; `end` when it ended the conversation. */
  exits: Record<string, number>
  errors: number
  /** Conversations abandoned while waiting at this node. */
  dropOffs: number
  steps: number
  durationMeanUs: number | null
  durationP95Us: number | null
}

export interface VariantNodeStats {
  /** '' for conversations outside an experiment. */
  variant: string
  nodes: NodeStats[]
}

export type UnansweredReason = 'intent_fallback' | 'retrieve_not_found'

/** One line of the operators' work list of questions the bot could not answer. */
export interface UnansweredQuestion {
  question: string
  reason: UnansweredReason
  flowId: string
  count: number
  lastSeenAt: string
  /** The latest conversation that asked it. */
  conversationId: string
  locale: string
}
