import { describe, expect, it } from 'vitest'
import { auditQueryString, emptyAuditFilters } from './audit-query.ts'

describe('auditQueryString', () => {
  it('leaves out empty filters', () => {
    expect(auditQueryString(emptyAuditFilters)).toBe('')
  })

  it('trims and encodes what is filled in, then the extras', () => {
    const filters = { ...emptyAuditFilters, action: ' secret.* ', from: '2026-11-01' }

    expect(auditQueryString(filters, { beforeSeq: '40' })).toBe(
      '?action=secret.*&from=2026-11-01&beforeSeq=40',
    )
  })
})
