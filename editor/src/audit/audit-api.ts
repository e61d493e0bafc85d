import { z } from 'zod'
import { apiRequest } from '../api-client.ts'
import { type AuditFilters, auditQueryString } from './audit-query.ts'

const auditRecordSchema = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.object({ kind: z.string(), id: z.string(), name: z.string(), role: z.string() }),
  action: z.string(),
  target: z.string(),
  method: z.string(),
  path: z.string(),
  params: z.record(z.string(), z.string()),
  status: z.number(),
  ip: z.string(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  hash: z.string(),
})
export type AuditRecord = z.infer<typeof auditRecordSchema>

const auditPageSchema = z.object({
  records: z.array(auditRecordSchema),
  nextBeforeSeq: z.number().nullable(),
})
export type AuditPage = z.infer<typeof auditPageSchema>

const verifySchema = z.object({
  isIntact: z.boolean(),
  rows: z.number(),
  problems: z.array(z.object({ seq: z.number(), problem: z.string(), message: z.string() })),
})
export type AuditVerification = z.infer<typeof verifySchema>

export const auditPageSize = 50

export async function listAudit(filters: AuditFilters, beforeSeq?: number): Promise<AuditPage> {
  const extra: Record<string, string> = { limit: String(auditPageSize) }
  if (beforeSeq !== undefined) extra.beforeSeq = String(beforeSeq)
  return auditPageSchema.parse(
    await apiRequest('GET', `/api/audit${auditQueryString(filters, extra)}`),
  )
}

export async function verifyAudit(): Promise<AuditVerification> {
  return verifySchema.parse(await apiRequest('GET', '/api/audit/verify'))
}

/** A plain link: the session cookie authenticates the download, and the server audits it. */
export function auditExportHref(filters: AuditFilters): string {
  return `/api/audit/export${auditQueryString(filters)}`
}
