import { describe, expect, it } from 'vitest'
import { packWeights, unpackWeights } from './model-codec.ts'

describe('packed weights', () => {
  it('restores weights to within one quantization step', () => {
    const weights = Float32Array.from(
      { length: 1_000 },
      (_, i) => Math.sin(i) * (i % 7 === 0 ? 3 : 0.01),
    )
    const packed = packWeights(weights)

    const restored = unpackWeights(JSON.parse(JSON.stringify(packed)))

    expect(restored).toHaveLength(weights.length)
    for (let i = 0; i < weights.length; i++) {
      expect(Math.abs((restored[i] ?? 0) - (weights[i] ?? 0))).toBeLessThanOrEqual(
        packed.scale / 2 + 1e-9,
      )
    }
  })

  it('keeps only the weights that do not round to zero', () => {
    const weights = new Float32Array(10_000)
    weights[3] = 1
    weights[9_999] = -0.5

    const packed = packWeights(weights)

    expect(atob(packed.values)).toHaveLength(2)
    expect(unpackWeights(packed)[9_999]).toBeCloseTo(-0.5, 2)
  })

  it('packs all-zero weights', () => {
    expect(Array.from(unpackWeights(packWeights(new Float32Array(5))))).toEqual([0, 0, 0, 0, 0])
  })

  it('refuses packed weights that are cut short', () => {
    const packed = packWeights(Float32Array.from([1, 0, 0, 0, 1]))

    expect(() => unpackWeights({ ...packed, gaps: btoa('\u0001') })).toThrow(/truncated/)
  })
})
