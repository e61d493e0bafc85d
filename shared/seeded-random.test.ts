import { describe, expect, it } from 'vitest'
import { seededRandom } from './seeded-random.ts'

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const first = seededRandom(7)
    const second = seededRandom(7)

    const a = Array.from({ length: 5 }, () => first())
    const b = Array.from({ length: 5 }, () => second())

    expect(a).toEqual(b)
  })

  it('gives a different sequence for a different seed', () => {
    expect(seededRandom(1)()).not.toBe(seededRandom(2)())
  })

  it('returns numbers in [0, 1) spread over the range', () => {
    const random = seededRandom(42)

    const values = Array.from({ length: 10_000 }, () => random())

    expect(Math.min(...values)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...values)).toBeLessThan(1)
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length
    expect(mean).toBeCloseTo(0.5, 1)
  })

  it('matches the reference mulberry32 output', () => {
    expect(seededRandom(1)()).toBeCloseTo(0.6270739405881613, 12)
  })
})
