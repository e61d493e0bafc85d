import { describe, expect, it } from 'vitest'
import type { Experiment, ExperimentKpi } from '../../shared/index.ts'
import { analyseExperiment } from './experiment-results.ts'
import type { KpiSample, VariantSamples } from './variant-samples.ts'

const experiment: Experiment = {
  id: 'exp',
  flowId: 'flow',
  name: '实验',
  description: '',
  status: 'running',
  variants: [
    { name: 'A', version: 1, weight: 50 },
    { name: 'B', version: 2, weight: 50 },
  ],
  primaryKpi: 'automationResolutionRate',
  guardrails: [{ kpi: 'handoffRate', margin: 0.05 }],
  alpha: 0.05,
  power: 0.8,
  mde: 0.05,
  baseline: 0.7,
  minConversations: 100,
  stopReason: null,
  stopDetail: null,
  promotedVariant: null,
  promotedVersion: null,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: null,
}

/** A variant with `n` closed conversations, `resolved` of them by the bot, `handedOff` to agents. */
function variant(name: string, n: number, resolved: number, handedOff: number): VariantSamples {
  const rate = (successes: number, trials: number): KpiSample => ({
    kind: 'proportion',
    successes,
    trials,
  })
  const mean = (sum: number, sumOfSquares: number): KpiSample => ({
    kind: 'mean',
    count: n,
    sum,
    sumOfSquares,
  })
  const kpis: Record<ExperimentKpi, KpiSample> = {
    automationResolutionRate: rate(resolved, n),
    handoffRate: rate(handedOff, n),
    abandonmentRate: rate(0, n),
    csatRate: rate(0, 0),
    conversionRate: rate(0, n),
    conversionValuePerConversation: mean(0, 0),
    turnsPerConversation: mean(2 * n, 4 * n),
    firstResponseMs: mean(100 * n, 10_000 * n + 400 * n),
    tokensPerConversation: mean(0, 0),
    costPerConversation: mean(0, 0),
  }
  return {
    variant: name,
    conversations: n,
    kpis,
    firstResponseP50Ms: null,
    firstResponseP95Ms: null,
    currency: 'CNY',
  }
}

describe('experiment analysis', () => {
  it('declares the variant that resolves significantly more the winner', () => {
    const results = analyseExperiment(experiment, [
      variant('A', 3000, 2100, 300),
      variant('B', 3000, 2400, 300),
    ])

    expect(results.decision).toMatchObject({ status: 'winner', winner: 'B' })
    const primary = results.comparisons.find(
      (c) => c.variant === 'B' && c.kpi === 'automationResolutionRate',
    )
    expect(primary).toMatchObject({ verdict: 'better', isSignificant: true })
    expect(primary?.low).toBeGreaterThan(0)
  })

  it('keeps the control when the only variant is significantly worse', () => {
    const results = analyseExperiment(experiment, [
      variant('A', 3000, 2400, 300),
      variant('B', 3000, 2100, 300),
    ])

    expect(results.decision).toMatchObject({ status: 'winner', winner: 'A' })
  })

  it('calls no difference once every variant has its planned sample without one', () => {
    const n = analyseExperiment(experiment, []).plannedSampleSize.perVariant

    const results = analyseExperiment(experiment, [
      variant('A', n, Math.round(0.7 * n), 0),
      variant('B', n, Math.round(0.7 * n), 0),
    ])

    expect(results.decision.status).toBe('no_difference')
  })

  it('keeps collecting before the minimum sample, however large the difference', () => {
    const results = analyseExperiment(experiment, [
      variant('A', 50, 50, 0),
      variant('B', 50, 0, 50),
    ])

    expect(results.decision.status).toBe('collecting')
    expect(results.guardrailBreaches).toEqual([])
  })

  it('trips a lower-is-better guardrail when the variant hands off more by the margin', () => {
    const results = analyseExperiment(experiment, [
      variant('A', 2000, 1400, 200),
      variant('B', 2000, 1400, 400),
    ])

    expect(results.guardrailBreaches).toEqual([
      expect.objectContaining({ variant: 'B', kpi: 'handoffRate', margin: 0.05 }),
    ])
    expect(results.guardrailBreaches[0]?.difference).toBeCloseTo(0.1, 12)
  })

  it('does not trip a guardrail for a significant harm smaller than the margin', () => {
    const results = analyseExperiment(experiment, [
      variant('A', 20_000, 14_000, 2000),
      variant('B', 20_000, 14_000, 2600),
    ])

    const handoff = results.comparisons.find((c) => c.kpi === 'handoffRate')
    expect(handoff?.verdict).toBe('worse')
    expect(results.guardrailBreaches).toEqual([])
  })

  it('does not trip a guardrail when the variant is better on it', () => {
    const results = analyseExperiment(experiment, [
      variant('A', 2000, 1400, 400),
      variant('B', 2000, 1400, 200),
    ])

    expect(results.guardrailBreaches).toEqual([])
  })

  it('halves alpha on the primary KPI for three variants (Bonferroni)', () => {
    const three = {
      ...experiment,
      variants: [...experiment.variants, { name: 'C', version: 3, weight: 50 }],
    }

    const results = analyseExperiment(three, [])

    expect(results.decision.alpha).toBe(0.025)
    expect(results.variants.map((v) => v.conversations)).toEqual([0, 0, 0])
  })
})
