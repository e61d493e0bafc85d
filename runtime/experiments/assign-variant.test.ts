import { describe, expect, it } from 'vitest'
import { assignmentBucket, pickVariant } from './assign-variant.ts'

const variants = [
  { name: 'A', weight: 50 },
  { name: 'B', weight: 30 },
  { name: 'C', weight: 20 },
]

describe('variant assignment', () => {
  it('gives a customer the same bucket every time', () => {
    expect(assignmentBucket('exp-1', 'customer-42')).toBe(assignmentBucket('exp-1', 'customer-42'))
  })

  it('places a customer independently in different experiments', () => {
    const first = Array.from({ length: 1000 }, (_, i) => assignmentBucket('exp-1', `c${i}`) < 0.5)
    const second = Array.from({ length: 1000 }, (_, i) => assignmentBucket('exp-2', `c${i}`) < 0.5)

    const agreeing = first.filter((isLow, i) => isLow === second[i]).length

    // Independent halves agree about half the time: Binomial(1000, 0.5) ± 5 sd.
    expect(agreeing).toBeGreaterThan(420)
    expect(agreeing).toBeLessThan(580)
  })

  it('keeps buckets in [0, 1)', () => {
    for (let i = 0; i < 1000; i++) {
      const bucket = assignmentBucket('exp', `c${i}`)
      expect(bucket).toBeGreaterThanOrEqual(0)
      expect(bucket).toBeLessThan(1)
    }
  })

  it('splits 10,000 customers by weight within statistical bounds (chi-squared, 2 df)', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 10_000; i++) {
      const variant = pickVariant(variants, assignmentBucket('split-check', `customer-${i}`))
      counts.set(variant.name, (counts.get(variant.name) ?? 0) + 1)
    }

    const chiSquared = variants.reduce((sum, v) => {
      const expected = (10_000 * v.weight) / 100
      return sum + ((counts.get(v.name) ?? 0) - expected) ** 2 / expected
    }, 0)
    // qchisq(0.999, 2) = 13.8155: a fair split fails this one time in a thousand.
    expect(chiSquared).toBeLessThan(13.8155)
    for (const v of variants) {
      // Each share within ±4 binomial standard deviations of its weight.
      const p = v.weight / 100
      const sd = Math.sqrt(10_000 * p * (1 - p))
      expect(Math.abs((counts.get(v.name) ?? 0) - 10_000 * p)).toBeLessThan(4 * sd)
    }
  })

  it('never picks a variant with weight 0', () => {
    const withZero = [
      { name: 'A', weight: 0 },
      { name: 'B', weight: 1 },
      { name: 'C', weight: 0 },
    ]

    const picked = [0, 0.3, 0.999999].map((bucket) => pickVariant(withZero, bucket).name)

    expect(picked).toEqual(['B', 'B', 'B'])
  })

  it('maps bucket ranges to cumulative weights', () => {
    expect(pickVariant(variants, 0.49).name).toBe('A')
    expect(pickVariant(variants, 0.5).name).toBe('B')
    expect(pickVariant(variants, 0.79).name).toBe('B')
    expect(pickVariant(variants, 0.8).name).toBe('C')
  })
})
