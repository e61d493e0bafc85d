import { seededRandom } from '../../shared/index.ts'
import type { ApiCall } from './api-client.ts'
import type { SimulateOptions } from './simulate-options.ts'

/** What the simulator did per variant, to compare with what the server measured. */
export interface VariantTally {
  conversations: number
  solved: number
  unsolved: number
  abandoned: number
  converted: number
}

/**
 * Runs `options.conversations` customers, `options.concurrency` at a time. Each uses one of
 * `keys` (channel API keys, so that no single credential hits the conversation rate limit),
 * starts a conversation, reads its variant, and behaves as that variant's rates say.
 */
export async function simulateCustomers(options: {
  call: ApiCall
  keys: string[]
  flowId: string
  runId: string
  settings: SimulateOptions
  onProgress?: (done: number) => void
}): Promise<Record<string, VariantTally>> {
  const { call, keys, flowId, runId, settings } = options
  const random = seededRandom(settings.seed)
  const tallies: Record<string, VariantTally> = {}
  let next = 0
  let done = 0
  const rate = (map: Record<string, number>, variant: string, fallback: number) =>
    map[variant] ?? map['*'] ?? fallback
  const customer = async (index: number) => {
    const key = keys[index % keys.length]
    // Rolled before the conversation starts, so that the random stream does not depend on the
    // order in which concurrent requests return.
    const rolls = { abandon: random(), solve: random(), convert: random() }
    const started = await call<{ id: string }>(
      'POST',
      '/api/conversations',
      { flowId, customerId: `sim-${runId}-${index}`, channel: 'simulator' },
      key,
    )
    const { variant } = await call<{ variant: string | null }>(
      'GET',
      `/api/conversations/${started.id}`,
      undefined,
      key,
    )
    const name = variant ?? '(none)'
    tallies[name] ??= { conversations: 0, solved: 0, unsolved: 0, abandoned: 0, converted: 0 }
    const tally = tallies[name]
    tally.conversations++
    if (rolls.abandon < rate(settings.abandon, name, 0)) {
      tally.abandoned++
      return
    }
    const isSolved = rolls.solve < rate(settings.resolve, name, 0.7)
    await call(
      'POST',
      `/api/conversations/${started.id}/messages`,
      { text: isSolved ? settings.solved : settings.unsolved },
      key,
    )
    tally[isSolved ? 'solved' : 'unsolved']++
    if (rolls.convert < rate(settings.convert, name, 0)) {
      await call(
        'POST',
        `/api/conversations/${started.id}/events`,
        { type: 'conversion', name: 'simulated_order', value: 100 },
        key,
      )
      tally.converted++
    }
  }
  const worker = async () => {
    while (next < settings.conversations) {
      const index = next++
      await customer(index)
      done++
      if (done % 100 === 0) options.onProgress?.(done)
    }
  }
  await Promise.all(Array.from({ length: settings.concurrency }, worker))
  return tallies
}
