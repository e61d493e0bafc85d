import { seededRandom } from '../../shared/index.ts'
import type { SparseVector } from './sparse-vector.ts'

/** Multinomial logistic regression over sparse features: weights[feature * classes + class]. */
export interface SoftmaxModel {
  classes: number
  features: number
  weights: Float32Array
  bias: Float32Array
}

export interface SoftmaxTraining {
  epochs: number
  /** L2 penalty per example; larger keeps weights small and confidences modest. */
  l2: number
  /** The rate of the first step; it decays linearly to about zero by the last. */
  learningRate: number
  seed: number
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = copy[i] as T
    copy[i] = copy[j] as T
    copy[j] = swap
  }
  return copy
}

/** Class scores (logits) of a vector. */
export function scoresOf(model: SoftmaxModel, vector: SparseVector, into?: Float64Array) {
  const { classes, weights } = model
  const scores = into ?? new Float64Array(classes)
  for (let c = 0; c < classes; c++) scores[c] = model.bias[c] as number
  for (let k = 0; k < vector.indices.length; k++) {
    const row = (vector.indices[k] as number) * classes
    const value = vector.values[k] as number
    for (let c = 0; c < classes; c++)
      scores[c] = (scores[c] as number) + value * (weights[row + c] as number)
  }
  return scores
}

/** Turns scores into probabilities in place (numerically stable softmax). */
export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
  let max = Number.NEGATIVE_INFINITY
  for (const score of scores) max = Math.max(max, score)
  let sum = 0
  for (let c = 0; c < scores.length; c++) {
    const exp = Math.exp(((scores[c] as number) - max) / temperature)
    scores[c] = exp
    sum += exp
  }
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) / sum
  return scores
}

/** Up to this many examples a table trains with twice the epochs (see trainSoftmax). */
const SMALL_TABLE_EXAMPLES = 3_000

/**
 * Stochastic gradient descent on the cross-entropy with exact L2 shrinkage and a linearly
 * decaying learning rate. The shrinkage is kept as one scale factor for all weights
 * (W = scale · stored), so a step costs only the example's non-zero features times the
 * classes, not the whole matrix.
 */
export function trainSoftmax(
  vectors: readonly SparseVector[],
  labels: readonly number[],
  shape: { classes: number; features: number },
  training: SoftmaxTraining,
): SoftmaxModel {
  const { classes, features } = shape
  const stored = new Float64Array(features * classes)
  const bias = new Float64Array(classes)
  const probabilities = new Float64Array(classes)
  const random = seededRandom(training.seed)
  let scale = 1
  let step = 0
  const order = vectors.map((_, index) => index)
  // Annealed, the rate sums to half what a constant one would: a small table gets twice the
  // passes so that it learns as much as before (cheap there); a large one has steps to spare.
  const epochs = vectors.length <= SMALL_TABLE_EXAMPLES ? 2 * training.epochs : training.epochs
  const totalSteps = Math.max(1, epochs * vectors.length)
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const index of shuffled(order, random)) {
      const vector = vectors[index] as SparseVector
      const label = labels[index] as number
      // Down linearly to (almost) zero: the last passes settle the weights instead of leaving
      // them wherever the final examples pushed them (measured in docs/quality.md).
      const rate = training.learningRate * Math.max(0.001, 1 - step / totalSteps)
      step++
      for (let c = 0; c < classes; c++) probabilities[c] = bias[c] as number
      for (let k = 0; k < vector.indices.length; k++) {
        const row = (vector.indices[k] as number) * classes
        const value = (vector.values[k] as number) * scale
        for (let c = 0; c < classes; c++) {
          probabilities[c] = (probabilities[c] as number) + value * (stored[row + c] as number)
        }
      }
      softmaxInPlace(probabilities)
      scale *= 1 - rate * training.l2
      // Rescale before the factor underflows; the weights themselves are unchanged.
      if (scale < 1e-6) {
        for (let i = 0; i < stored.length; i++) stored[i] = (stored[i] as number) * scale
        scale = 1
      }
      for (let c = 0; c < classes; c++) {
        const gradient = (probabilities[c] as number) - (c === label ? 1 : 0)
        bias[c] = (bias[c] as number) - rate * gradient
        if (Math.abs(gradient) < 1e-4) continue
        const change = (rate * gradient) / scale
        for (let k = 0; k < vector.indices.length; k++) {
          const at = (vector.indices[k] as number) * classes + c
          stored[at] = (stored[at] as number) - change * (vector.values[k] as number)
        }
      }
    }
  }
  const weights = new Float32Array(stored.length)
  for (let i = 0; i < stored.length; i++) weights[i] = (stored[i] as number) * scale
  return { classes, features, weights, bias: Float32Array.from(bias) }
}
