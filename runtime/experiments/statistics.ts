import type { Comparison, Interval, SampleSizeEstimate } from '../../shared/index.ts'
import { normalCdf, normalQuantile, twoSidedP } from './normal-distribution.ts'

/**
 * Statistics for experiments. Comparisons use the mixture sequential probability ratio test
 * (mSPRT, Johari et al. 2017, "Peeking at A/B tests"): its p-values and confidence intervals
 * are valid at every look, so results may be read at any time without inflating false
 * positives. docs/experiments.md says why this method and how the sample size is estimated.
 */

export interface ProportionSample {
  successes: number
  trials: number
}

/** A metric summed per conversation: count, sum and sum of squares are enough for a mean test. */
export interface MeanSample {
  count: number
  sum: number
  sumOfSquares: number
}

/** Wilson score interval: sensible near 0 and 1, unlike the Wald interval. */
export function proportionInterval(sample: ProportionSample, confidence = 0.95): Interval {
  const { successes, trials } = sample
  if (trials === 0) return { estimate: Number.NaN, low: Number.NaN, high: Number.NaN }
  const z = normalQuantile(1 - (1 - confidence) / 2)
  const p = successes / trials
  const z2n = (z * z) / trials
  const centre = (p + z2n / 2) / (1 + z2n)
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

export function sampleMean(sample: MeanSample): number {
  return sample.count === 0 ? Number.NaN : sample.sum / sample.count
}

/** Unbiased sample variance from the sums (0 for fewer than two values). */
export function sampleVariance(sample: MeanSample): number {
  const { count, sum, sumOfSquares } = sample
  if (count < 2) return 0
  return Math.max(0, (sumOfSquares - (sum * sum) / count) / (count - 1))
}

/** Normal-theory confidence interval for a mean (t ≈ z at experiment sample sizes). */
export function meanInterval(sample: MeanSample, confidence = 0.95): Interval {
  const estimate = sampleMean(sample)
  if (sample.count < 2) return { estimate, low: Number.NaN, high: Number.NaN }
  const half =
    normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt(sampleVariance(sample) / sample.count)
  return { estimate, low: estimate - half, high: estimate + half }
}

/**
 * The mSPRT for a normal estimate `difference` with variance `variance` and a N(0, tau²)
 * mixture over the true difference. Returns the always-valid p-value and the matching
 * confidence sequence at level 1 − alpha.
 */
export function mixtureSprt(options: {
  difference: number
  variance: number
  tau: number
  alpha: number
}): { likelihoodRatio: number; pValue: number; low: number; high: number } {
  const { difference, variance, tau, alpha } = options
  if (!(variance > 0) || !(tau > 0)) {
    return { likelihoodRatio: 1, pValue: 1, low: Number.NaN, high: Number.NaN }
  }
  const tau2 = tau * tau
  const logRatio =
    0.5 * Math.log(variance / (variance + tau2)) +
    (tau2 * difference * difference) / (2 * variance * (variance + tau2))
  const half = msprtHalfWidth(variance, tau, alpha)
  return {
    likelihoodRatio: Math.exp(logRatio),
    pValue: Math.min(1, Math.exp(-logRatio)),
    low: difference - half,
    high: difference + half,
  }
}

/** Half-width of the mSPRT confidence sequence: |difference| beyond it is significant. */
export function msprtHalfWidth(variance: number, tau: number, alpha: number): number {
  const tau2 = tau * tau
  return Math.sqrt(
    ((variance * (variance + tau2)) / tau2) *
      (2 * Math.log(1 / alpha) + Math.log((variance + tau2) / variance)),
  )
}

/**
 * Compares two rates. The p-value uses the pooled variance (the null says the rates are
 * equal); the interval adds one success and one failure per arm (Agresti–Caffo), which keeps
 * it sane when a rate is 0 or 1.
 */
export function compareProportions(
  control: ProportionSample,
  variant: ProportionSample,
  options: { alpha: number; tau: number },
): Comparison {
  const nA = control.trials
  const nB = variant.trials
  if (nA === 0 || nB === 0) return emptyComparison()
  const pA = control.successes / nA
  const pB = variant.successes / nB
  const difference = pB - pA
  const pooled = (control.successes + variant.successes) / (nA + nB)
  const nullVariance = pooled * (1 - pooled) * (1 / nA + 1 / nB)
  const test = mixtureSprt({ difference, variance: nullVariance, ...options })
  const aA = (control.successes + 1) / (nA + 2)
  const aB = (variant.successes + 1) / (nB + 2)
  const intervalVariance = (aA * (1 - aA)) / (nA + 2) + (aB * (1 - aB)) / (nB + 2)
  const half = msprtHalfWidth(intervalVariance, options.tau, options.alpha)
  return {
    difference,
    low: aB - aA - half,
    high: aB - aA + half,
    pValue: test.pValue,
    fixedHorizonPValue: nullVariance > 0 ? twoSidedP(difference / Math.sqrt(nullVariance)) : 1,
  }
}

/**
 * Compares two means (Welch's unequal variances, normal approximation: conversation counts in
 * an experiment are large). `tau` is in the metric's unit.
 */
export function compareMeans(
  control: MeanSample,
  variant: MeanSample,
  options: { alpha: number; tau: number },
): Comparison {
  if (control.count < 2 || variant.count < 2) return emptyComparison()
  const difference = sampleMean(variant) - sampleMean(control)
  const variance = sampleVariance(control) / control.count + sampleVariance(variant) / variant.count
  const test = mixtureSprt({ difference, variance, ...options })
  return {
    difference,
    low: test.low,
    high: test.high,
    pValue: test.pValue,
    fixedHorizonPValue: variance > 0 ? twoSidedP(difference / Math.sqrt(variance)) : 1,
  }
}

/** A comparison with too little data to say anything: no estimate, p = 1. */
export function emptyComparison(): Comparison {
  return {
    difference: Number.NaN,
    low: Number.NaN,
    high: Number.NaN,
    pValue: 1,
    fixedHorizonPValue: 1,
  }
}

/**
 * How many conversations find a true `mde` (absolute, e.g. 0.05 = 5 points) on a rate of
 * `baseline` with probability `power`. For the mSPRT it is the n where the effect clears the
 * confidence sequence at that one look with that probability; looking more often can only
 * reject sooner, so the estimate is conservative.
 */
export function estimateSampleSize(options: {
  baseline: number
  mde: number
  alpha: number
  power: number
  tau: number
  /** Traffic shares of the variants; the first is the control. */
  weights: number[]
}): SampleSizeEstimate {
  const { baseline, mde, alpha, power, tau, weights } = options
  const pA = clampRate(baseline)
  const pB = clampRate(baseline + mde)
  const totalWeight = weights.reduce((sum, w) => sum + w, 0)
  const shares = weights.map((w) => w / totalWeight)
  const controlShare = shares[0] ?? 0.5
  const smallestShare = Math.min(...shares.slice(1))
  const varianceAt = (total: number) =>
    (pA * (1 - pA)) / (total * controlShare) + (pB * (1 - pB)) / (total * smallestShare)
  const powerAt = (total: number) => {
    const variance = varianceAt(total)
    return normalCdf((Math.abs(mde) - msprtHalfWidth(variance, tau, alpha)) / Math.sqrt(variance))
  }
  let low = 2
  let high = 2
  while (powerAt(high) < power && high < 1e9) high *= 2
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2)
    if (powerAt(middle) >= power) high = middle
    else low = middle
  }
  const zAlpha = normalQuantile(1 - alpha / 2)
  const zBeta = normalQuantile(power)
  const fixed = Math.ceil(((zAlpha + zBeta) ** 2 * (pA * (1 - pA) + pB * (1 - pB))) / (mde * mde))
  return {
    perVariant: Math.ceil(high * Math.min(controlShare, smallestShare)),
    total: high,
    fixedHorizonPerVariant: fixed,
  }
}

function clampRate(rate: number): number {
  return Math.min(0.999, Math.max(0.001, rate))
}
