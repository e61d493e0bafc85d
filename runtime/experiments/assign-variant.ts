import { createHash, randomUUID } from 'node:crypto'
import type { Variant } from '../../shared/index.ts'
import type { AssignVariant } from '../engine/index.ts'
import type { ExperimentStore } from './experiment-store.ts'

/**
 * A customer's place in [0, 1) for one experiment: the first 52 bits of
 * SHA-256(experimentId:customerId). Stable across processes and restarts, so a returning
 * customer keeps their variant; independent between experiments, so one split does not
 * repeat another's.
 */
export function assignmentBucket(experimentId: string, customerKey: string): number {
  const digest = createHash('sha256').update(`${experimentId}:${customerKey}`).digest('hex')
  return Number.parseInt(digest.slice(0, 13), 16) / 2 ** 52
}

/** The variant whose cumulative weight range holds `bucket`; weight 0 takes no traffic. */
export function pickVariant<V extends Pick<Variant, 'weight'>>(
  variants: readonly V[],
  bucket: number,
): V {
  const total = variants.reduce((sum, v) => sum + v.weight, 0)
  let upper = 0
  for (const variant of variants) {
    upper += variant.weight / total
    if (variant.weight > 0 && bucket < upper) return variant
  }
  // Rounding can leave the sum of shares a hair below 1: the last live variant takes the rest.
  const last = variants.findLast((v) => v.weight > 0)
  if (!last) throw new Error('An experiment needs a variant with a weight above 0')
  return last
}

/**
 * The engine's hook: new conversations of a flow with a running experiment go to the variant
 * their customer hashes to. Without a customer id there is nothing to stick to, so the
 * conversation is placed at random (by weight).
 */
export function createVariantAssigner(store: ExperimentStore): AssignVariant {
  return async (flowId, customerId) => {
    const experiment = await store.runningFor(flowId)
    if (!experiment) return null
    const variant = pickVariant(
      experiment.variants,
      assignmentBucket(experiment.id, customerId ?? randomUUID()),
    )
    return { experimentId: experiment.id, variant: variant.name, flowVersion: variant.version }
  }
}
