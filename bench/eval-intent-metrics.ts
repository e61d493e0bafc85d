import { OOS_LABEL } from './eval-intent-data.ts'

export const FALLBACK = 'fallback'

export interface Prediction {
  label: string
  /** The port the node took: an intent name or `fallback` (`error` counts as a miss). */
  port: string
  ms: number
  /** CPU time of the run (the process's, so it excludes waiting for a core). */
  cpuMs: number
}

export interface IntentScores {
  accuracy: number
  inScopeAccuracy: number | null
  macroF1: number
  oosRecall: number | null
  oosPrecision: number | null
  p50Ms: number
  p99Ms: number
  p99CpuMs: number
  n: number
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)
  return sorted[Math.max(0, index)] ?? 0
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000

/** Whether the prediction is right: an in-scope line needs its intent, an `oos` line fallback. */
export function isCorrect({ label, port }: Prediction): boolean {
  return label === OOS_LABEL ? port === FALLBACK : port === label
}

/**
 * Scores predictions. Macro-F1 averages the F1 of every label in the test set (`oos` included
 * when present, predicted by `fallback`), so small intents count as much as large ones.
 */
export function scorePredictions(predictions: readonly Prediction[]): IntentScores {
  const asClass = (port: string) => (port === FALLBACK ? OOS_LABEL : port)
  const inScope = predictions.filter((p) => p.label !== OOS_LABEL)
  const oos = predictions.filter((p) => p.label === OOS_LABEL)
  const fallbacks = predictions.filter((p) => p.port === FALLBACK)
  const labels = [...new Set(predictions.map((p) => p.label))]
  const f1s = labels.map((label) => {
    const truePositives = predictions.filter((p) => p.label === label && asClass(p.port) === label)
    const predicted = predictions.filter((p) => asClass(p.port) === label).length
    const actual = predictions.filter((p) => p.label === label).length
    const precision = predicted === 0 ? 0 : truePositives.length / predicted
    const recall = actual === 0 ? 0 : truePositives.length / actual
    return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  })
  const times = predictions.map((p) => p.ms).sort((a, b) => a - b)
  const cpuTimes = predictions.map((p) => p.cpuMs).sort((a, b) => a - b)
  const share = (part: number, whole: number) => (whole === 0 ? null : round4(part / whole))
  return {
    accuracy: share(predictions.filter(isCorrect).length, predictions.length) ?? 0,
    inScopeAccuracy: share(inScope.filter(isCorrect).length, inScope.length),
    macroF1: round4(f1s.reduce((sum, f1) => sum + f1, 0) / Math.max(1, f1s.length)),
    oosRecall: share(oos.filter(isCorrect).length, oos.length),
    // Without out-of-scope lines in the test set there is nothing to be precise about.
    oosPrecision:
      oos.length === 0
        ? null
        : share(fallbacks.filter((p) => p.label === OOS_LABEL).length, fallbacks.length),
    p50Ms: round4(percentile(times, 0.5)),
    p99Ms: round4(percentile(times, 0.99)),
    p99CpuMs: round4(percentile(cpuTimes, 0.99)),
    n: predictions.length,
  }
}
