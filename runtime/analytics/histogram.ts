// Latency histograms that add up across days and cuts: four buckets per doubling (each about
// 19% wide), stored sparse as { bucket: count }. A percentile read from it is the bucket's
// geometric middle, so it is within about 10% of the exact value.

export type Histogram = Record<string, number>

const bucketsPerDoubling = 4

export function bucketOf(value: number): number {
  if (value < 1) return 0
  return Math.floor(Math.log2(value) * bucketsPerDoubling) + 1
}

function middleOf(bucket: number): number {
  if (bucket === 0) return 0
  return 2 ** ((bucket - 0.5) / bucketsPerDoubling)
}

export function addToHistogram(histogram: Histogram, value: number, count = 1): void {
  const key = String(bucketOf(value))
  histogram[key] = (histogram[key] ?? 0) + count
}

export function mergeHistogram(into: Histogram, from: Histogram): void {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count
}

/** The q-quantile (0–1), or null for an empty histogram. */
export function histogramQuantile(histogram: Histogram, q: number): number | null {
  const entries = Object.entries(histogram)
    .map(([key, count]) => [Number(key), count] as const)
    .sort((a, b) => a[0] - b[0])
  const total = entries.reduce((sum, [, count]) => sum + count, 0)
  if (total === 0) return null
  const rank = Math.max(1, Math.ceil(q * total))
  let seen = 0
  for (const [bucket, count] of entries) {
    seen += count
    if (seen >= rank) return Math.round(middleOf(bucket) * 10) / 10
  }
  return null
}

/** The exact q-quantile (nearest rank) of a list of values. */
export function exactQuantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil(q * sorted.length))
  return sorted[rank - 1] ?? null
}
