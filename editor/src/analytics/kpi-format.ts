// Plain functions the dashboard and the overlay format numbers with (tested without React).

/** `0.7512` → `75.1%`; `–` when there is nothing to divide by. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '–'
  return `${(rate * 100).toFixed(1)}%`
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  return value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
}

/** An amount with its currency (`0.0123 CNY`); only the dash when unknown, no orphan unit. */
export function formatMoney(value: number | null | undefined, currency: string): string {
  const amount = formatNumber(value, 4)
  return amount === '–' ? amount : `${amount} ${currency}`.trim()
}

/** Milliseconds below a second, seconds above. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–'
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** Microseconds as the overlay shows step durations. */
export function formatUs(us: number | null | undefined): string {
  if (us === null || us === undefined || !Number.isFinite(us)) return '–'
  return us < 1000 ? `${Math.round(us)} µs` : formatMs(us / 1000)
}

/** The last `days` days up to and including `today` (UTC), as the API's from/to. */
export function lastDays(days: number, today: Date): { from: string; to: string } {
  const to = today.toISOString().slice(0, 10)
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()))
  start.setUTCDate(start.getUTCDate() - (days - 1))
  return { from: start.toISOString().slice(0, 10), to }
}

/** Whether a rate meets its target (`null` when unknown). */
export function meetsTarget(rate: number | null, target: number): boolean | null {
  return rate === null ? null : rate >= target
}
