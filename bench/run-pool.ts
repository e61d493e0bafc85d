export interface PoolOptions {
  /** How many tasks to run in all. */
  count: number
  /** How many run at once. */
  concurrency: number
  /** No task starts after this time (performance.now() clock); running ones finish. */
  deadlineMs: number
}

/**
 * Runs `task(0)` … `task(count - 1)` with at most `concurrency` in flight and returns how many
 * started. Bounded in count and in time, so a stuck server cannot make the bench run forever.
 */
export async function runPool(
  options: PoolOptions,
  task: (index: number) => Promise<void>,
): Promise<number> {
  let next = 0
  const worker = async () => {
    while (next < options.count && performance.now() < options.deadlineMs) {
      const index = next++
      await task(index)
    }
  }
  const workers = Array.from({ length: Math.min(options.concurrency, options.count) }, worker)
  await Promise.all(workers)
  return next
}
