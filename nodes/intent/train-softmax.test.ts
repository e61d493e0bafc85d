import { describe, expect, it } from 'vitest'
import type { SparseVector } from './sparse-vector.ts'
import { scoresOf, softmaxInPlace, trainSoftmax } from './train-softmax.ts'

// Two intents, each recognised by its own feature; feature 2 is shared noise.
const vector = (pairs: [number, number][]): SparseVector => ({
  indices: Int32Array.from(pairs, ([index]) => index),
  values: Float32Array.from(pairs, ([, value]) => value),
})
const vectors = [
  vector([
    [0, 0.9],
    [2, 0.44],
  ]),
  vector([[0, 1]]),
  vector([
    [1, 0.9],
    [2, 0.44],
  ]),
  vector([[1, 1]]),
]
const labels = [0, 0, 1, 1]
const shape = { classes: 2, features: 3 }
const training = { epochs: 10, l2: 1e-6, learningRate: 1, seed: 7 }

describe('trainSoftmax', () => {
  it('gives the same weights for the same examples and seed', () => {
    const first = trainSoftmax(vectors, labels, shape, training)
    const second = trainSoftmax(vectors, labels, shape, training)

    expect(Array.from(second.weights)).toEqual(Array.from(first.weights))
  })

  it('learns a tiny table well enough to be sure of its own examples', () => {
    const model = trainSoftmax(vectors, labels, shape, training)

    const probabilities = vectors.map((v) => softmaxInPlace(scoresOf(model, v)))

    probabilities.forEach((p, index) => {
      expect(p[labels[index] as number]).toBeGreaterThan(0.8)
    })
  })

  it('leaves a feature shared by both intents with little say', () => {
    const model = trainSoftmax(vectors, labels, shape, training)

    const shared = softmaxInPlace(scoresOf(model, vector([[2, 1]])))

    expect(Math.abs((shared[0] as number) - (shared[1] as number))).toBeLessThan(0.2)
  })
})
