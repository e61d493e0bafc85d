import type { ExperimentResults } from '../../shared/index.ts'
import type { VariantTally } from './simulate-customers.ts'

const percent = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '—')

/** A plain-text table: what the simulator did, what the server measured, and the decision. */
export function formatResults(
  results: ExperimentResults | null,
  tallies: Record<string, VariantTally>,
  elapsedMs: number,
): string {
  const lines: string[] = []
  const total = Object.values(tallies).reduce((sum, t) => sum + t.conversations, 0)
  lines.push(`${total} simulated conversations in ${(elapsedMs / 1000).toFixed(1)} s`)
  for (const [variant, tally] of Object.entries(tallies)) {
    lines.push(
      `  simulated ${variant}: ${tally.conversations} conversations, ${tally.solved} solved, ${tally.unsolved} unsolved, ${tally.abandoned} left, ${tally.converted} converted`,
    )
  }
  if (!results) return lines.join('\n')
  const { experiment, decision, plannedSampleSize } = results
  lines.push('', `Experiment ${experiment.name} (${experiment.id}), status ${experiment.status}`)
  lines.push(
    `  planned: ${plannedSampleSize.perVariant} conversations per variant (fixed-horizon test would need ${plannedSampleSize.fixedHorizonPerVariant})`,
  )
  for (const variant of results.variants) {
    const rate = variant.kpis[experiment.primaryKpi]
    const comparison = results.comparisons.find(
      (c) => c.variant === variant.name && c.kpi === experiment.primaryKpi,
    )
    const versus = comparison
      ? `  Δ ${percent(comparison.difference)} [${percent(comparison.low)}, ${percent(comparison.high)}]  p=${comparison.pValue.toPrecision(3)} → ${comparison.verdict}`
      : '  (control)'
    lines.push(
      `  ${variant.name} v${variant.version}: n=${variant.conversations}  ${experiment.primaryKpi} ${percent(rate.estimate)} [${percent(rate.low)}, ${percent(rate.high)}]${versus}`,
    )
  }
  lines.push(
    `  decision: ${decision.status}${decision.winner ? ` (winner ${decision.winner})` : ''}, alpha per comparison ${decision.alpha}`,
  )
  for (const breach of results.guardrailBreaches) {
    lines.push(
      `  guardrail breached: ${breach.variant} on ${breach.kpi} by ${breach.difference.toFixed(3)} (margin ${breach.margin})`,
    )
  }
  return lines.join('\n')
}
