import { Hono } from 'hono'
import { type AuditLog, auditCsv, auditQuerySchema } from '../../audit/index.ts'
import type { AuditVariables } from '../audit-context.ts'
import type { AuthVariables } from '../auth.ts'
import { parseOrThrow } from '../read-body.ts'

/** The most rows one CSV export holds; narrow the filters for more. */
const maxExportRows = 100_000

/** The audit log for admins: filtered pages, a CSV export (itself audited) and verification. */
export function auditRoutes(auditLog: AuditLog) {
  const app = new Hono<{ Variables: AuthVariables & AuditVariables }>()

  app.get('/', (c) => {
    const query = parseOrThrow(auditQuerySchema, c.req.query())
    const records = auditLog.list(query)
    const last = records.at(-1)
    return c.json({
      records,
      nextBeforeSeq: records.length === query.limit && last ? last.seq : null,
    })
  })

  app.get('/export', (c) => {
    const query = parseOrThrow(auditQuerySchema.omit({ limit: true }), c.req.query())
    const records = auditLog.list({ ...query, limit: maxExportRows })
    c.set('audit', { action: 'audit.export', target: 'audit_log' })
    const day = new Date().toISOString().slice(0, 10)
    return c.body(auditCsv(records), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="switchboard-audit-${day}.csv"`,
    })
  })

  app.get('/verify', (c) => c.json(auditLog.verify()))

  return app
}
