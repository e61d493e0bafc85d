import { describe, expect, it } from 'vitest'
import { calibrationExponent } from './calibrate.ts'

describe('confidence calibration', () => {
  it('maps the chosen quantile of held-out probabilities to confidence 0.5', () => {
    const probabilities = Array.from({ length: 1_000 }, (_, i) => 0.05 + (i / 1_000) * 0.9)

    const exponent = calibrationExponent(probabilities, 0.05, 60)

    expect(0.095 ** exponent).toBeCloseTo(0.5, 1)
  })

  it('pulls a small table towards three times its chance level', () => {
    const exponent = calibrationExponent([0.2, 0.9, 0.95], 0.05, 5)

    const reference = 0.5 ** (1 / exponent)
    expect(reference).toBeGreaterThan(0.4)
    expect(reference).toBeLessThan(0.5)
  })

  it('keeps the plain probability without any held-out answer and a prior of 0.5', () => {
    expect(calibrationExponent([], 0.05, 2)).toBe(1)
  })
})
