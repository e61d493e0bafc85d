import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../shared/index.ts'
import { replicateExperiments } from './replicate-experiments.ts'
import { estimateSampleSize } from './statistics.ts'

const planned = estimateSampleSize({
  baseline: 0.7,
  mde: 0.05,
  alpha: 0.05,
  power: 0.8,
  tau: 0.05,
  weights: [50, 50],
})

const common = {
  perVariant: planned.perVariant,
  lookEvery: 100,
  minConversations: 100,
  alpha: 0.05,
  tau: 0.05,
  replications: 200,
}

// Bounded for the suite (200 replications each, seeded); `npm run simulate:power` runs more
// and docs/experiments.md reports its numbers.
describe('sequential decision rule, by simulation', () => {
  it('flags an A/A test at most at about alpha although results are read every 100 conversations', () => {
    const outcome = replicateExperiments({
      ...common,
      controlRate: 0.7,
      variantRate: 0.7,
      random: seededRandom(7),
    })

    // alpha = 5%; 200 replications: a true 5% would exceed 10% about one time in 400.
    expect(outcome.sequentialRejectRate).toBeLessThanOrEqual(0.1)
    expect(outcome.naivePeekingRejectRate).toBeGreaterThan(outcome.sequentialRejectRate)
  })

  it('finds a real 5-point difference in resolution at the planned power', () => {
    const outcome = replicateExperiments({
      ...common,
      controlRate: 0.7,
      variantRate: 0.75,
      random: seededRandom(11),
    })

    // Planned for 80% power; 200 replications give ±6 points of noise at 2 sd.
    expect(outcome.sequentialRejectRate).toBeGreaterThanOrEqual(0.74)
    expect(outcome.meanStoppingSize).toBeLessThan(planned.perVariant)
  })
})
