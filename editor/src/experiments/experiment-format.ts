import { type ExperimentKpi, experimentKpis } from '../../../shared/index.ts'

/**
 * How a KPI's values read: rates as percentages, times in ms, tokens as whole numbers (a mean
 * of 678.00 tokens says nothing the decimals add), the rest with two decimals.
 */
export function formatKpiValue(kpi: ExperimentKpi, value: number, currency = ''): string {
  if (!Number.isFinite(value)) return '—'
  if (experimentKpis[kpi].kind === 'proportion') return `${(value * 100).toFixed(1)}%`
  if (kpi === 'firstResponseMs') return `${Math.round(value)} ms`
  if (kpi === 'tokensPerConversation') return String(Math.round(value))
  if (kpi === 'costPerConversation') return `${value.toFixed(4)} ${currency}`.trim()
  return value.toFixed(2)
}

/** A difference between variants: rates in percentage points with a sign. */
export function formatDifference(kpi: ExperimentKpi, value: number, currency = ''): string {
  if (!Number.isFinite(value)) return '—'
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±'
  const magnitude = Math.abs(value)
  if (experimentKpis[kpi].kind === 'proportion') return `${sign}${(magnitude * 100).toFixed(1)} pt`
  return `${sign}${formatKpiValue(kpi, magnitude, currency)}`
}

/** p-values as people read them: "p < 0.001" rather than 1.2e-7. */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return 'p —'
  if (p < 0.001) return 'p < 0.001'
  return `p = ${p.toFixed(3)}`
}

/** A guardrail margin entered in percentage points for rates is stored as a fraction. */
export function marginFromInput(kpi: ExperimentKpi, input: number): number {
  return experimentKpis[kpi].kind === 'proportion' ? input / 100 : input
}
