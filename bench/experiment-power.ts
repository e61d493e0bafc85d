import { estimateSampleSize, replicateExperiments } from '../runtime/experiments/index.ts'
import { seededRandom } from '../shared/index.ts'

/**
 * `npm run simulate:power [-- --replications 1000 --look-every 100]`: the experiments' decision
 * rule checked in-process, on the statistics alone (no server): the false-positive rate of an
 * A/A test and the power for a real 5-point difference in resolution (70% → 75%), both read
 * every `--look-every` conversations per variant. Reported in docs/experiments.md.
 */
function main(args: string[]): void {
  const value = (name: string, fallback: number) => {
    const index = args.indexOf(`--${name}`)
    const parsed = index >= 0 ? Number(args[index + 1]) : fallback
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} needs a number`)
    return parsed
  }
  const replications = value('replications', 1000)
  const lookEvery = value('look-every', 100)
  const alpha = 0.05
  const planned = estimateSampleSize({
    baseline: 0.7,
    mde: 0.05,
    alpha,
    power: 0.8,
    tau: 0.05,
    weights: [50, 50],
  })
  const common = {
    perVariant: planned.perVariant,
    lookEvery,
    minConversations: 100,
    alpha,
    tau: 0.05,
    replications,
  }
  const startedMs = performance.now()
  const aa = replicateExperiments({
    ...common,
    controlRate: 0.7,
    variantRate: 0.7,
    random: seededRandom(1),
  })
  const ab = replicateExperiments({
    ...common,
    controlRate: 0.7,
    variantRate: 0.75,
    random: seededRandom(2),
  })
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`
  const se = (p: number) => pct(2 * Math.sqrt((p * (1 - p)) / replications))
  process.stdout.write(
    `${[
      `planned sample: ${planned.perVariant} per variant (mSPRT, alpha ${alpha}, power 80%, 70% → 75%); fixed-horizon z-test: ${planned.fixedHorizonPerVariant}`,
      `${replications} replications each, results read every ${lookEvery} conversations per variant`,
      `A/A false-positive rate: mSPRT ${pct(aa.sequentialRejectRate)} (±${se(aa.sequentialRejectRate)}); naive z-test peeking ${pct(aa.naivePeekingRejectRate)}; z-test at the end only ${pct(aa.fixedHorizonRejectRate)}`,
      `A/B (+5 points) power: mSPRT ${pct(ab.sequentialRejectRate)} (±${se(ab.sequentialRejectRate)}), stopping after ${Math.round(ab.meanStoppingSize)} per variant on average; z-test at the end only ${pct(ab.fixedHorizonRejectRate)}`,
      `took ${Math.round(performance.now() - startedMs)} ms`,
      JSON.stringify({ replications, lookEvery, planned, aa, ab }),
    ].join('\n')}\n`,
  )
}

main(process.argv.slice(2))
