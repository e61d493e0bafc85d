/**
 * The standard normal distribution, hand-written because simple-statistics' CDF is a two-digit
 * lookup table: p-values and sample sizes need full double precision. Checked against R's
 * pnorm/qnorm in normal-distribution.test.ts.
 */

const logSqrtTwoPi = 0.9189385332046728

/** P(Z ≤ x): Marsaglia's series (2004) in the middle, a continued fraction in the tails. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN
  if (x < -37) return 0
  if (x > 37) return 1
  // In the tails the series cancels (0.5 + s·e^…) and loses the relative precision that small
  // p-values and extreme quantiles need; the continued fraction keeps it there.
  if (x < -2.5) return lowerTail(x)
  if (x > 2.5) return 1 - lowerTail(-x)
  let sum = x
  let term = x
  const square = x * x
  for (let i = 3; ; i += 2) {
    term *= square / i
    const next = sum + term
    if (next === sum) break
    sum = next
  }
  return 0.5 + sum * Math.exp(-0.5 * square - logSqrtTwoPi)
}

/** Laplace's continued fraction for Φ(x), x < -2.5: relative error about 1e-15 (checked). */
function lowerTail(x: number): number {
  const z = -x
  let fraction = z
  for (let k = 60; k >= 1; k--) fraction = z + k / fraction
  return Math.exp(-0.5 * z * z - logSqrtTwoPi) / fraction
}

/** Two-sided p-value of a z statistic. */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)))
}

// Acklam's rational approximation (relative error 1.15e-9), then one Halley step to full
// double precision.
const a = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
] as const
const b = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
] as const
const c = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
] as const
const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const

/** The x with P(Z ≤ x) = p (R's qnorm). */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN
  if (p === 0) return Number.NEGATIVE_INFINITY
  if (p === 1) return Number.POSITIVE_INFINITY
  const low = 0.02425
  let x: number
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    x = tailRatio(q)
  } else if (p <= 1 - low) {
    const q = p - 0.5
    const r = q * q
    const numerator = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
    const denominator = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1
    x = numerator / denominator
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p))
    x = -tailRatio(q)
  }
  const error = normalCdf(x) - p
  const u = error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2)
  return x - u / (1 + (x * u) / 2)
}

function tailRatio(q: number): number {
  const numerator = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]
  return numerator / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
}
