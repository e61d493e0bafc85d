import { describe, expect, it } from 'vitest'
import { normalCdf, normalQuantile, twoSidedP } from './normal-distribution.ts'

// Reference values from R (pnorm/qnorm), identical in scipy.stats.norm.
describe('normal distribution', () => {
  it.each([
    [1.96, 0.9750021048517795],
    [-3, 0.0013498980316300933],
    [0.5, 0.6914624612740131],
    [0, 0.5],
    [8, 0.9999999999999993],
  ])('gives pnorm(%d) to 1e-14', (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 14)
  })

  it.each([
    [-7.5, 3.1908916729108844e-14],
    [-10, 7.61985302416047e-24],
  ])('keeps relative precision far in the lower tail at %d', (x, expected) => {
    expect(normalCdf(x) / expected).toBeCloseTo(1, 9)
  })

  it.each([
    [0.975, 1.959963984540054],
    [0.8, 0.8416212335729143],
    [1e-6, -4.753424308822899],
    [0.01, -2.3263478740408408],
    [0.999, 3.090232306167813],
    [0.5, 0],
  ])('gives qnorm(%d) to 1e-12', (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 12)
  })

  it('returns the infinities at 0 and 1 and NaN outside', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY)
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY)
    expect(normalQuantile(1.5)).toBeNaN()
  })

  it('gives two-sided p-values symmetric in the sign of z', () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14)
    expect(twoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 14)
  })
})
