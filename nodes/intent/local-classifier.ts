import { z } from 'zod'
import { CALIBRATION_QUANTILE, calibrationExponent, heldOutProbabilities } from './calibrate.ts'
import { packedWeightsSchema, packWeights, unpackWeights } from './model-codec.ts'
import { buildVocabulary, type Vocabulary, vectorize, weighTerms } from './sparse-vector.ts'
import { termCounts } from './text-features.ts'
import {
  type SoftmaxModel,
  type SoftmaxTraining,
  scoresOf,
  softmaxInPlace,
  trainSoftmax,
} from './train-softmax.ts'

/** The intents a classifier learns from: the config's names and example utterances. */
export interface IntentExamples {
  name: string
  examples: readonly string[]
}

export interface IntentScore {
  intent: string
  /** Calibrated 0–1: how sure the classifier is that the message means this intent. */
  confidence: number
}

export interface LocalClassifier {
  /** Every intent, most likely first. An empty ranking means the text had no known term. */
  classify(text: string): IntentScore[]
}

/** What `prepare` stores with the version (JSON). */
export const localModelSchema = z.object({
  format: z.literal(1),
  intents: z.array(z.string()),
  terms: z.array(z.string()),
  idf: z.array(z.number()),
  bias: z.array(z.number()),
  weights: packedWeightsSchema,
  /** Confidence = probability ^ confidenceExponent (calibrate.ts). */
  confidenceExponent: z.number().min(0.05).max(20),
})
export type LocalModel = z.infer<typeof localModelSchema>

// Chosen on the development sets and fixed for every flow (see docs/quality.md): not tuned per
// data set. Few epochs suffice because the features are unit-length.
const softmaxTraining: SoftmaxTraining = {
  epochs: 10,
  l2: 1e-6,
  learningRate: 1,
  seed: 20_240_601,
}
/** Above this many examples, terms seen once are noise more than signal, and bloat the model. */
const LARGE_TRAINING_SET = 2_000

function trainingPairs(intents: readonly IntentExamples[]) {
  return intents.flatMap((intent, label) => intent.examples.map((text) => ({ text, label })))
}

/** Trains the classifier from the intents' examples (at publish). */
export function trainLocalModel(intents: readonly IntentExamples[]): LocalModel {
  const pairs = trainingPairs(intents)
  const counts = pairs.map((pair) => termCounts(pair.text))
  const vocabulary = buildVocabulary(counts, counts.length > LARGE_TRAINING_SET ? 2 : 1)
  const vectors = counts.map((termsOfExample) => weighTerms(termsOfExample, vocabulary))
  const labels = pairs.map((pair) => pair.label)
  const shape = { classes: intents.length, features: vocabulary.idf.length }
  const model = trainSoftmax(vectors, labels, shape, softmaxTraining)
  const heldOut = heldOutProbabilities(vectors, labels, shape, softmaxTraining)
  return {
    format: 1,
    intents: intents.map((intent) => intent.name),
    terms: [...vocabulary.featureOf.keys()],
    idf: Array.from(vocabulary.idf, (value) => Math.round(value * 1000) / 1000),
    bias: Array.from(model.bias, (value) => Math.round(value * 1000) / 1000),
    weights: packWeights(model.weights),
    confidenceExponent: calibrationExponent(heldOut, CALIBRATION_QUANTILE, intents.length),
  }
}

/**
 * Rebuilds the classifier from the stored model (when a version loads). `intents` must be the
 * config it was trained from: a version whose model and config disagree is refused.
 */
export function loadLocalModel(
  prepared: unknown,
  intents: readonly IntentExamples[],
): LocalClassifier {
  const stored = localModelSchema.parse(prepared)
  const names = intents.map((intent) => intent.name)
  if (stored.intents.join('\n') !== names.join('\n')) {
    throw new Error('the stored intent model does not match the configured intents')
  }
  const features = stored.terms.length
  const vocabulary: Vocabulary = {
    featureOf: new Map(stored.terms.map((term, index) => [term, index])),
    idf: Float32Array.from(stored.idf),
  }
  const model: SoftmaxModel = {
    classes: names.length,
    features,
    weights: unpackWeights(stored.weights),
    bias: Float32Array.from(stored.bias),
  }
  if (model.weights.length !== features * names.length) {
    throw new Error('the stored intent model has the wrong number of weights')
  }
  const parts = { vocabulary, model, names, exponent: stored.confidenceExponent }
  const classifier: LocalClassifier = { classify: (text) => rank(text, parts) }
  // Compile the hot path now, so the customer with the first message does not wait for the JIT.
  const samples = intents.flatMap((intent) => intent.examples.slice(0, 1)).slice(0, 20)
  for (const sample of samples) classifier.classify(sample)
  return classifier
}

function rank(
  text: string,
  parts: { vocabulary: Vocabulary; model: SoftmaxModel; names: string[]; exponent: number },
): IntentScore[] {
  const vector = vectorize(text, parts.vocabulary)
  if (vector.indices.length === 0) return []
  const scores = scoresOf(parts.model, vector)
  const probabilities = softmaxInPlace(scores)
  return parts.names
    .map((intent, c) => ({ intent, confidence: (probabilities[c] as number) ** parts.exponent }))
    .sort((a, b) => b.confidence - a.confidence)
}
