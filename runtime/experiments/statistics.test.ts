import { describe, expect, it } from 'vitest'
import {
  compareMeans,
  compareProportions,
  estimateSampleSize,
  meanInterval,
  mixtureSprt,
  proportionInterval,
  sampleVariance,
} from './statistics.ts'

// Reference values from scipy 1.17 (binomtest(...).proportion_ci(method='wilson'),
// chi2_contingency(correction=False)) and R's prop.test(correct = FALSE), which agree.
describe('experiment statistics', () => {
  it('gives the Wilson interval of R prop.test for 45 of 100', () => {
    const interval = proportionInterval({ successes: 45, trials: 100 })

    expect(interval.estimate).toBe(0.45)
    expect(interval.low).toBeCloseTo(0.35614537979511984, 12)
    expect(interval.high).toBeCloseTo(0.5475539700255787, 12)
  })

  it('keeps the Wilson interval inside [0, 1] for 0 of 20', () => {
    const interval = proportionInterval({ successes: 0, trials: 20 })

    expect(interval.low).toBe(0)
    expect(interval.high).toBeCloseTo(0.16112515805281935, 12)
  })

  it('gives the fixed-horizon two-proportion p-value of a chi-squared test without correction', () => {
    const comparison = compareProportions(
      { successes: 45, trials: 100 },
      { successes: 60, trials: 100 },
      { alpha: 0.05, tau: 0.05 },
    )

    expect(comparison.difference).toBeCloseTo(0.15, 12)
    expect(comparison.fixedHorizonPValue).toBeCloseTo(0.033672068856345896, 12)
  })

  it('gives the mSPRT likelihood ratio and confidence sequence of Johari et al. (numpy reference)', () => {
    const test = mixtureSprt({ difference: 0.1, variance: 0.001, tau: 0.05, alpha: 0.05 })

    expect(test.likelihoodRatio).toBeCloseTo(19.011557566042605, 9)
    expect(test.pValue).toBeCloseTo(0.05259958299188199, 12)
    expect(test.low).toBeCloseTo(0.1 - 0.10070709270872975, 12)
    expect(test.high).toBeCloseTo(0.1 + 0.10070709270872975, 12)
  })

  it('agrees between the always-valid p-value and the confidence sequence', () => {
    const test = mixtureSprt({ difference: 0.1, variance: 0.001, tau: 0.05, alpha: 0.05 })

    // p just above alpha ⇔ the interval just includes 0.
    expect(test.pValue).toBeGreaterThan(0.05)
    expect(test.low).toBeLessThan(0)
  })

  it('is more conservative than the fixed-horizon test on the same data', () => {
    const comparison = compareProportions(
      { successes: 700, trials: 1000 },
      { successes: 745, trials: 1000 },
      { alpha: 0.05, tau: 0.05 },
    )

    expect(comparison.pValue).toBeGreaterThan(comparison.fixedHorizonPValue)
    expect(comparison.fixedHorizonPValue).toBeLessThan(0.05)
  })

  it('finds nothing when a variant has no conversations yet', () => {
    const comparison = compareProportions(
      { successes: 7, trials: 10 },
      { successes: 0, trials: 0 },
      { alpha: 0.05, tau: 0.05 },
    )

    expect(comparison.pValue).toBe(1)
    expect(comparison.difference).toBeNaN()
  })

  it('computes the sample variance from count, sum and sum of squares (numpy var ddof=1)', () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9]
    const sample = {
      count: values.length,
      sum: values.reduce((s, v) => s + v, 0),
      sumOfSquares: values.reduce((s, v) => s + v * v, 0),
    }

    expect(sampleVariance(sample)).toBeCloseTo(4.571428571428571, 12)
    expect(meanInterval(sample).estimate).toBe(5)
  })

  it('compares means with the Welch variance', () => {
    const control = { count: 400, sum: 400 * 3, sumOfSquares: 400 * (9 + 1) }
    const variant = { count: 400, sum: 400 * 3.3, sumOfSquares: 400 * (3.3 * 3.3 + 1) }

    const comparison = compareMeans(control, variant, { alpha: 0.05, tau: 0.1 })

    expect(comparison.difference).toBeCloseTo(0.3, 10)
    // z = 0.3 / sqrt(2 * 1.0025 / 400) ≈ 4.237
    expect(comparison.fixedHorizonPValue).toBeCloseTo(2.2652e-5, 6)
    expect(comparison.pValue).toBeLessThan(0.05)
  })

  it('estimates the fixed-horizon sample size of the textbook formula for 70% → 75%', () => {
    const estimate = estimateSampleSize({
      baseline: 0.7,
      mde: 0.05,
      alpha: 0.05,
      power: 0.8,
      tau: 0.05,
      weights: [50, 50],
    })

    expect(estimate.fixedHorizonPerVariant).toBe(1248)
    expect(estimate.perVariant).toBeGreaterThan(estimate.fixedHorizonPerVariant)
    expect(estimate.perVariant).toBeLessThan(4 * estimate.fixedHorizonPerVariant)
  })

  it('needs more conversations when the variant gets a smaller share', () => {
    const even = estimateSampleSize({
      baseline: 0.7,
      mde: 0.05,
      alpha: 0.05,
      power: 0.8,
      tau: 0.05,
      weights: [50, 50],
    })
    const skewed = estimateSampleSize({
      baseline: 0.7,
      mde: 0.05,
      alpha: 0.05,
      power: 0.8,
      tau: 0.05,
      weights: [90, 10],
    })

    expect(skewed.total).toBeGreaterThan(even.total)
  })
})
