/** The figures the human summary shows; the JSON line has them all. */
export interface BenchFigures {
  turnsPerSecond: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  rssMb: number
  errors: number
  turns: number
  conversations: number
  concurrency: number
  durationSeconds: number
  serverCpuPercent: number
  benchCpuPercent: number
  otherCpuPercent: number
  readyMs: number
  openConversations: number
  rssMbAfter10kConversations: number
  peakRssMb: number
  engineP50Ms?: number
  engineP99Ms?: number
}

/** DESIGN §13's budgets. */
const targets = {
  turnsPerSecond: 1_000,
  p99Ms: 50,
  rssMb: 250,
  readyMs: 1_000,
  engineP50Ms: 1,
  engineP99Ms: 10,
}

/** A few lines a person reads before the JSON line, each with its target and whether it is met. */
export function formatBenchSummary(figures: BenchFigures): string {
  const check = (isMet: boolean) => (isMet ? 'ok  ' : 'MISS')
  const lines = [
    `HTTP: ${figures.turns} turns in ${figures.conversations} conversations, ` +
      `${figures.concurrency} at once, ${figures.durationSeconds} s, ${figures.errors} errors; ` +
      `CPU: server ${figures.serverCpuPercent}%, bench client ${figures.benchCpuPercent}%, ` +
      `other processes ${figures.otherCpuPercent}% of a core`,
    `${check(figures.turnsPerSecond >= targets.turnsPerSecond)} throughput ` +
      `${figures.turnsPerSecond} turns/s (target ≥ ${targets.turnsPerSecond})`,
    `${check(figures.p99Ms < targets.p99Ms)} latency p50 ${figures.p50Ms} ms, ` +
      `p95 ${figures.p95Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms ` +
      `(target p99 < ${targets.p99Ms} ms)`,
    `${check(figures.readyMs < targets.readyMs)} ready in ${figures.readyMs} ms ` +
      `from spawn to GET /api/health (target < ${targets.readyMs} ms)`,
    `${check(figures.rssMb < targets.rssMb)} server RSS after the load ${figures.rssMb} MB`,
    `${check(figures.rssMbAfter10kConversations < targets.rssMb)} server RSS with ` +
      `${figures.openConversations} more open conversations ` +
      `${figures.rssMbAfter10kConversations} MB, peak ${figures.peakRssMb} MB ` +
      `(target < ${targets.rssMb} MB)`,
  ]
  if (figures.engineP50Ms !== undefined && figures.engineP99Ms !== undefined) {
    const isMet =
      figures.engineP50Ms < targets.engineP50Ms && figures.engineP99Ms < targets.engineP99Ms
    lines.push(
      `${check(isMet)} engine per turn p50 ${figures.engineP50Ms} ms, p99 ${figures.engineP99Ms} ms ` +
        `(target p50 < ${targets.engineP50Ms} ms, p99 < ${targets.engineP99Ms} ms)`,
    )
  }
  return lines.join('\n')
}
