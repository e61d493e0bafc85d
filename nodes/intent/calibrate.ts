import type { SparseVector } from './sparse-vector.ts'
import { type SoftmaxTraining, scoresOf, softmaxInPlace, trainSoftmax } from './train-softmax.ts'

/**
 * Share of correctly classified, unseen in-scope messages that the default threshold may send
 * to fallback. One constant for every flow: it fixes what "confidence 0.5" means, whatever the
 * number of intents, examples or the language.
 */
export const CALIBRATION_QUANTILE = 0.05

/** Small tables get more folds, so each fold model sees nearly all examples, as the real one does. */
const SMALL_TABLE_EXAMPLES = 3_000

/**
 * Top-intent probabilities of examples the classifier had not seen and got right, from a
 * cross-validation (each intent's examples take turns between the folds; five folds for small
 * tables, two with fewer epochs for large ones, to bound training time), sorted ascending.
 * That is how sure the model is on new in-scope messages: a threshold is meaningful only
 * relative to it.
 */
export function heldOutProbabilities(
  vectors: readonly SparseVector[],
  labels: readonly number[],
  shape: { classes: number; features: number },
  training: SoftmaxTraining,
): number[] {
  const isSmall = vectors.length <= SMALL_TABLE_EXAMPLES
  const foldCount = isSmall ? 5 : 2
  const seenPerClass = new Array<number>(shape.classes).fill(0)
  const folds = labels.map((label) => {
    const seen = seenPerClass[label] ?? 0
    seenPerClass[label] = seen + 1
    return seen % foldCount
  })
  const probabilities: number[] = []
  for (let fold = 0; fold < foldCount; fold++) {
    const trainIndices = folds.flatMap((f, index) => (f === fold ? [] : [index]))
    const model = trainSoftmax(
      trainIndices.map((index) => vectors[index] as SparseVector),
      trainIndices.map((index) => labels[index] as number),
      shape,
      // A large table trains its fold models with half the epochs, to bound publish time.
      isSmall ? training : { ...training, epochs: Math.max(1, Math.ceil(training.epochs / 2)) },
    )
    folds.forEach((f, index) => {
      if (f !== fold) return
      const scores = softmaxInPlace(scoresOf(model, vectors[index] as SparseVector))
      let best = 0
      for (let c = 1; c < scores.length; c++)
        if ((scores[c] as number) > (scores[best] as number)) best = c
      if (best === labels[index]) probabilities.push(scores[best] as number)
    })
  }
  return probabilities.sort((a, b) => a - b)
}

/**
 * A small table has few held-out answers, so their quantile is noisy (and pessimistic: each
 * fold misses a large share of the examples). It is pulled towards a prior reference as if this
 * many answers had it: three times the chance level of the table, at most 0.5.
 */
const PRIOR_ANSWERS = 30

/**
 * The exponent e of the confidence mapping p ↦ p^e, chosen so that the `quantile` of held-out
 * correct probabilities maps to 0.5. Monotone, so it never changes the ranking; 0 and 1 stay.
 */
export function calibrationExponent(
  sortedProbabilities: readonly number[],
  quantile: number,
  classes: number,
) {
  const prior = Math.min(0.5, 3 / Math.max(1, classes))
  const count = sortedProbabilities.length
  const index = Math.min(count - 1, Math.floor(quantile * count))
  const measured = sortedProbabilities[index] ?? prior
  const reference = (count * measured + PRIOR_ANSWERS * prior) / (count + PRIOR_ANSWERS)
  if (reference <= 1e-6 || reference >= 0.999) return 1
  return Math.min(20, Math.max(0.05, Math.log(0.5) / Math.log(reference)))
}
