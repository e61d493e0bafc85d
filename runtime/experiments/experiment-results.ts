import {
  type Comparison,
  type Experiment,
  type ExperimentKpi,
  type ExperimentResults,
  experimentKpiNames,
  experimentKpis,
  type GuardrailBreach,
  type KpiComparison,
  type KpiValue,
  type VariantResult,
} from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import {
  compareMeans,
  compareProportions,
  emptyComparison,
  estimateSampleSize,
  meanInterval,
  proportionInterval,
  sampleVariance,
} from './statistics.ts'
import { type KpiSample, type VariantSamples, variantSamples } from './variant-samples.ts'

/**
 * For mean KPIs the mixture's spread is a tenth of a standard deviation: on a rate near 50%,
 * 5 points is about that, so rates and means are tuned to effects of similar size.
 */
const meanTauInSd = 0.1

export function plannedSampleSize(experiment: Experiment, baseline = experiment.baseline) {
  return estimateSampleSize({
    baseline,
    mde: experiment.mde,
    alpha: primaryAlpha(experiment),
    power: experiment.power,
    tau: experiment.mde,
    weights: experiment.variants.map((v) => v.weight),
  })
}

function primaryAlpha(experiment: Experiment): number {
  return experiment.alpha / Math.max(1, experiment.variants.length - 1)
}

/** Per-variant KPIs with intervals, comparisons with the control, the decision and guardrails. */
export function computeExperimentResults(
  database: Database,
  experiment: Experiment,
): ExperimentResults {
  const samples = variantSamples(database, experiment.id)
  return analyseExperiment(experiment, samples)
}

/** The statistics part of computeExperimentResults, on given samples (tests, simulations). */
export function analyseExperiment(
  experiment: Experiment,
  samples: VariantSamples[],
): ExperimentResults {
  const byName = new Map(samples.map((s) => [s.variant, s]))
  const [control, ...others] = experiment.variants
  if (!control) throw new Error('An experiment has at least two variants')
  const variants = experiment.variants.map((variant): VariantResult => {
    const sample = byName.get(variant.name)
    return {
      name: variant.name,
      version: variant.version,
      weight: variant.weight,
      conversations: sample?.conversations ?? 0,
      isControl: variant.name === control.name,
      kpis: kpiValues(sample),
      firstResponseP50Ms: sample?.firstResponseP50Ms ?? null,
      firstResponseP95Ms: sample?.firstResponseP95Ms ?? null,
    }
  })
  const controlSample = byName.get(control.name)
  const comparisons: KpiComparison[] = []
  for (const variant of others) {
    const variantSample = byName.get(variant.name)
    for (const kpi of experimentKpiNames) {
      comparisons.push(compareKpi(experiment, kpi, variant.name, controlSample, variantSample))
    }
  }
  const controlRate = variants[0]?.kpis[experiment.primaryKpi].estimate
  return {
    experiment,
    plannedSampleSize: plannedSampleSize(experiment),
    observedSampleSize:
      controlRate !== undefined && Number.isFinite(controlRate)
        ? plannedSampleSize(experiment, controlRate)
        : null,
    variants,
    comparisons,
    decision: decide(experiment, variants, comparisons),
    guardrailBreaches: findGuardrailBreaches(experiment, variants, comparisons),
    currency: samples[0]?.currency ?? 'CNY',
  }
}

function kpiValues(sample: VariantSamples | undefined): Record<ExperimentKpi, KpiValue> {
  const values = {} as Record<ExperimentKpi, KpiValue>
  for (const kpi of experimentKpiNames) {
    const value = sample?.kpis[kpi]
    if (!value)
      values[kpi] = { estimate: Number.NaN, low: Number.NaN, high: Number.NaN, sampleSize: 0 }
    else if (value.kind === 'proportion')
      values[kpi] = { ...proportionInterval(value), sampleSize: value.trials }
    else values[kpi] = { ...meanInterval(value), sampleSize: value.count }
  }
  return values
}

function compareKpi(
  experiment: Experiment,
  kpi: ExperimentKpi,
  variant: string,
  control: VariantSamples | undefined,
  candidate: VariantSamples | undefined,
): KpiComparison {
  const alpha = kpi === experiment.primaryKpi ? primaryAlpha(experiment) : experiment.alpha
  const comparison = compareSamples(control?.kpis[kpi], candidate?.kpis[kpi], alpha, experiment.mde)
  const isSignificant =
    comparison.pValue < alpha &&
    sampleSizeOf(control?.kpis[kpi]) >= experiment.minConversations &&
    sampleSizeOf(candidate?.kpis[kpi]) >= experiment.minConversations
  const isBetter = experimentKpis[kpi].isHigherBetter
    ? comparison.difference > 0
    : comparison.difference < 0
  return {
    kpi,
    variant,
    ...comparison,
    isSignificant,
    verdict: !isSignificant ? 'no_difference' : isBetter ? 'better' : 'worse',
  }
}

function compareSamples(
  control: KpiSample | undefined,
  candidate: KpiSample | undefined,
  alpha: number,
  mde: number,
): Comparison {
  if (control?.kind === 'proportion' && candidate?.kind === 'proportion') {
    return compareProportions(control, candidate, { alpha, tau: mde })
  }
  if (control?.kind === 'mean' && candidate?.kind === 'mean') {
    const pooledSd = Math.sqrt((sampleVariance(control) + sampleVariance(candidate)) / 2)
    return compareMeans(control, candidate, { alpha, tau: meanTauInSd * pooledSd })
  }
  return emptyComparison()
}

function sampleSizeOf(sample: KpiSample | undefined): number {
  if (!sample) return 0
  return sample.kind === 'proportion' ? sample.trials : sample.count
}

/**
 * The winner on the primary KPI: the best variant that beats the control significantly; the
 * control when every variant is significantly worse; `no_difference` once every variant has
 * its planned sample without a significant difference.
 */
function decide(
  experiment: Experiment,
  variants: VariantResult[],
  comparisons: KpiComparison[],
): ExperimentResults['decision'] {
  const alpha = primaryAlpha(experiment)
  const primary = comparisons.filter((c) => c.kpi === experiment.primaryKpi)
  const better = primary.filter((c) => c.verdict === 'better')
  const sign = experimentKpis[experiment.primaryKpi].isHigherBetter ? 1 : -1
  if (better.length > 0) {
    const best = better.reduce((a, b) => (sign * b.difference > sign * a.difference ? b : a))
    return { status: 'winner', winner: best.variant, alpha }
  }
  const control = variants[0]
  if (control && primary.length > 0 && primary.every((c) => c.verdict === 'worse')) {
    return { status: 'winner', winner: control.name, alpha }
  }
  const planned = plannedSampleSize(experiment).perVariant
  const isComplete = variants.every(
    (v) => v.weight === 0 || v.kpis[experiment.primaryKpi].sampleSize >= planned,
  )
  return { status: isComplete ? 'no_difference' : 'collecting', winner: null, alpha }
}

/**
 * A guardrail trips when a variant is worse than the control by at least its margin and the
 * difference is significant (always-valid p < alpha, minimum sample reached): noise alone
 * does not stop an experiment, and a real but tiny harm below the margin does not either.
 */
function findGuardrailBreaches(
  experiment: Experiment,
  variants: VariantResult[],
  comparisons: KpiComparison[],
): GuardrailBreach[] {
  const breaches: GuardrailBreach[] = []
  for (const guardrail of experiment.guardrails) {
    const sign = experimentKpis[guardrail.kpi].isHigherBetter ? -1 : 1
    for (const variant of variants.slice(1)) {
      const found = comparisons.find((c) => c.kpi === guardrail.kpi && c.variant === variant.name)
      if (!found?.isSignificant) continue
      const harm = sign * found.difference
      if (harm > 0 && harm >= guardrail.margin) {
        breaches.push({
          variant: variant.name,
          kpi: guardrail.kpi,
          difference: found.difference,
          margin: guardrail.margin,
          pValue: found.pValue,
        })
      }
    }
  }
  return breaches
}
