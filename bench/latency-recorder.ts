/** Percentiles of one run, in milliseconds, rounded for printing. */
export interface LatencySummary {
  count: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
}

/**
 * Collects latencies into a preallocated array, so recording a sample allocates nothing and the
 * collector does not disturb what it measures.
 */
export class LatencyRecorder {
  private readonly samples: Float64Array
  private length = 0

  constructor(capacity: number) {
    this.samples = new Float64Array(capacity)
  }

  get count(): number {
    return this.length
  }

  record(durationMs: number): void {
    // Bounded: samples past the capacity are dropped rather than growing the array.
    if (this.length < this.samples.length) this.samples[this.length++] = durationMs
  }

  summarize(): LatencySummary {
    const sorted = this.samples.slice(0, this.length).sort()
    let total = 0
    for (const sample of sorted) total += sample
    return {
      count: sorted.length,
      p50Ms: round(percentile(sorted, 50)),
      p95Ms: round(percentile(sorted, 95)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted.at(-1) ?? 0),
      meanMs: round(sorted.length > 0 ? total / sorted.length : 0),
    }
  }
}

/** Nearest-rank percentile of an ascending array: the smallest sample with p% at or below it. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
