import type { AuditRecord } from './audit-schemas.ts'

const columns = [
  'seq',
  'at',
  'actor_kind',
  'actor_id',
  'actor_name',
  'actor_role',
  'action',
  'target',
  'method',
  'path',
  'params',
  'status',
  'ip',
  'before_digest',
  'after_digest',
  'hash',
] as const

/** RFC 4180 CSV with a header row; UTF-8 with a BOM so that Excel shows Chinese names. */
export function auditCsv(records: readonly AuditRecord[]): string {
  const lines = [columns.join(',')]
  for (const r of records) {
    lines.push(
      [
        r.seq,
        r.at,
        r.actor.kind,
        r.actor.id,
        r.actor.name,
        r.actor.role,
        r.action,
        r.target,
        r.method,
        r.path,
        JSON.stringify(r.params),
        r.status,
        r.ip,
        r.beforeDigest ?? '',
        r.afterDigest ?? '',
        r.hash,
      ]
        .map((value) => csvCell(String(value)))
        .join(','),
    )
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/**
 * Quotes when needed, and defuses cells a spreadsheet would run as a formula (a user named
 * `=HYPERLINK(…)`) by prefixing an apostrophe.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
