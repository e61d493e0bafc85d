import { compareProportions } from './statistics.ts'

export interface ReplicationSettings {
  /** True resolution rates of the control and the variant. */
  controlRate: number
  variantRate: number
  /** Conversations per variant at the planned end. */
  perVariant: number
  /** Results are read after every this many conversations per variant. */
  lookEvery: number
  /** No decision before this many per variant (as the experiment's minConversations). */
  minConversations: number
  alpha: number
  tau: number
  replications: number
  random: () => number
}

export interface ReplicationOutcome {
  /** Share of replications the mSPRT flagged at any look. */
  sequentialRejectRate: number
  /** Share a fixed-horizon z-test flags when peeked at every look: why peeking needs mSPRT. */
  naivePeekingRejectRate: number
  /** Share the fixed-horizon test flags at the planned end only (looked at once). */
  fixedHorizonRejectRate: number
  /** Mean conversations per variant when the mSPRT stopped (the planned n if it never did). */
  meanStoppingSize: number
}

/**
 * Repeats a two-variant experiment on a rate many times, reading the results as a dashboard
 * would (every `lookEvery` conversations), to measure false-positive rate (equal rates) and
 * power (different rates) of the decision rule. Used by `npm run simulate:power` and the tests.
 */
export function replicateExperiments(settings: ReplicationSettings): ReplicationOutcome {
  const { random, alpha, tau } = settings
  let sequential = 0
  let naive = 0
  let fixed = 0
  let stoppingSum = 0
  for (let r = 0; r < settings.replications; r++) {
    const control = { successes: 0, trials: 0 }
    const variant = { successes: 0, trials: 0 }
    let isSequentialDone = false
    let isNaiveDone = false
    let stoppedAt = settings.perVariant
    while (control.trials < settings.perVariant) {
      const batch = Math.min(settings.lookEvery, settings.perVariant - control.trials)
      for (let i = 0; i < batch; i++) {
        if (random() < settings.controlRate) control.successes++
        if (random() < settings.variantRate) variant.successes++
      }
      control.trials += batch
      variant.trials += batch
      if (control.trials < settings.minConversations) continue
      const comparison = compareProportions(control, variant, { alpha, tau })
      if (!isSequentialDone && comparison.pValue < alpha) {
        isSequentialDone = true
        stoppedAt = control.trials
      }
      if (comparison.fixedHorizonPValue < alpha) isNaiveDone = true
      if (control.trials === settings.perVariant && comparison.fixedHorizonPValue < alpha) fixed++
    }
    if (isSequentialDone) sequential++
    if (isNaiveDone) naive++
    stoppingSum += stoppedAt
  }
  const n = settings.replications
  return {
    sequentialRejectRate: sequential / n,
    naivePeekingRejectRate: naive / n,
    fixedHorizonRejectRate: fixed / n,
    meanStoppingSize: stoppingSum / n,
  }
}
