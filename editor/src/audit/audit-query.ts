/** The audit page's filters as typed in the form; empty means "any". */
export interface AuditFilters {
  actor: string
  action: string
  target: string
  /** `YYYY-MM-DD` from the date inputs. */
  from: string
  to: string
}

export const emptyAuditFilters: AuditFilters = {
  actor: '',
  action: '',
  target: '',
  from: '',
  to: '',
}

/**
 * The query string of GET /api/audit and /api/audit/export for these filters: trimmed, empty
 * ones left out, so the list and the CSV always show the same rows.
 */
export function auditQueryString(
  filters: AuditFilters,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) {
    if (value.trim() !== '') params.set(key, value.trim())
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value)
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}
