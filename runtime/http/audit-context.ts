import type { JsonValue } from '../../shared/index.ts'

/**
 * What a route tells the audit middleware about the request it handled; every field is
 * optional. `before` and `after` are stored only as sha256 digests of their JSON, so put what
 * the route reports (the flow, the user without password hash), never a secret's value.
 * @example
 * c.set('audit', { action: 'flow.publish', target: `flow:${flowId}`, after: { version } })
 *
 * A GET is audited only when it reads transcripts, traces or exports, or when its route sets
 * this variable (an export route may set `{ action: 'analytics.export' }` and nothing else).
 */
export interface AuditDetail {
  /** Default: `'<METHOD> <openapi path>'`, e.g. `POST /api/flows/{id}/publish`. */
  action?: string
  /** Default: the request path, e.g. `/api/flows/support/publish`. */
  target?: string
  before?: JsonValue | undefined
  after?: JsonValue | undefined
}

export type AuditVariables = { audit: AuditDetail }
